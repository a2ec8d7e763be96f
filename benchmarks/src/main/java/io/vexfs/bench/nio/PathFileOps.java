package io.vexfs.bench.nio;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** {@link FileOps} through {@code java.nio.file.Files} under a root path of any provider. */
final class PathFileOps implements FileOps {
    private final String name;
    private final Path root;
    private final FileSystem owned;

    /**
     * @param owned a file system to close with this target, or null
     */
    PathFileOps(String name, Path root, FileSystem owned) {
        this.name = name;
        this.root = root;
        this.owned = owned;
    }

    @Override
    public String name() {
        return name;
    }

    private Path file(int dir, int file) {
        return root.resolve("d" + dir).resolve("f" + file);
    }

    @Override
    public void prepare(int directories) throws IOException {
        for (int d = 0; d < directories; d++) {
            Files.createDirectories(root.resolve("d" + d));
        }
    }

    @Override
    public void create(int dir, int file, byte[] content) throws IOException {
        Files.write(file(dir, file), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public long stat(int dir, int file) throws IOException {
        return Files.size(file(dir, file));
    }

    @Override
    public byte[] read(int dir, int file) throws IOException {
        return Files.readAllBytes(file(dir, file));
    }

    @Override
    public void overwrite(int dir, int file, byte[] content) throws IOException {
        Files.write(file(dir, file), content);
    }

    @Override
    public long walk() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.count();
        }
    }

    @Override
    public void delete(int dir, int file) throws IOException {
        Files.delete(file(dir, file));
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
