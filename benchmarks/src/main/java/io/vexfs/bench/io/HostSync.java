package io.vexfs.bench.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@code syncfs(2)} of the host file system holding a directory, through the FFM API: the host's "one sync at the
 * end" (Java has no portable equivalent; forcing each file would be one fsync per file).
 */
final class HostSync {
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;
    private final MethodHandle open;
    private final MethodHandle syncfs;
    private final MethodHandle close;

    HostSync() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        syncfs = linker.downcallHandle(libc.find("syncfs").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Flushes every dirty page and inode of the file system that holds {@code dir}. */
    void syncFileSystemOf(Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(dir.toAbsolutePath().toString());
            int fd = (int) open.invokeExact(path, O_RDONLY | O_DIRECTORY);
            if (fd < 0) {
                throw new IOException("open(" + dir + ") failed");
            }
            try {
                if ((int) syncfs.invokeExact(fd) != 0) {
                    throw new IOException("syncfs(" + dir + ") failed");
                }
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native call failed: " + t, t);
        }
    }
}
