package io.vexfs.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes vexfs volumes for tests through the installed provider. Volumes come from the core engine, or
 * from {@link InMemoryVolume} with {@code -Dvexfs.test.volume=memory} (while the engine is not there).
 */
final class TestVolumes {
    private TestVolumes() {
    }

    static boolean inMemory() {
        return "memory".equals(System.getProperty("vexfs.test.volume"));
    }

    static VexfsFileSystemProvider provider() {
        for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
            if (p instanceof VexfsFileSystemProvider v) {
                v.useLauncher(inMemory() ? InMemoryVolume.LAUNCHER : VolumeLauncher.CORE);
                return v;
            }
        }
        throw new AssertionError("vexfs provider is not installed (META-INF/services)");
    }

    static URI volumeUri(Path image) {
        return URI.create("vexfs:" + image.toUri());
    }

    /** Creates and opens a fresh volume in {@code dir}. */
    static FileSystem create(Path dir, String name) throws IOException {
        return create(dir, name, Map.of());
    }

    static FileSystem create(Path dir, String name, Map<String, ?> extra) throws IOException {
        provider();
        Map<String, Object> env = new HashMap<>(extra);
        env.put("create", "true");
        env.putIfAbsent("size", "256m");
        return java.nio.file.FileSystems.newFileSystem(volumeUri(dir.resolve(name)), env);
    }
}
