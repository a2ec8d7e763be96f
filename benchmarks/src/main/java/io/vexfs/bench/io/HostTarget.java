package io.vexfs.bench.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The host file system through the default {@code java.nio} provider ({@link FileChannel}), in a scratch directory. */
final class HostTarget implements StorageTarget {
    private final Path root;
    private final HostSync sync = new HostSync();

    HostTarget(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public void writeSequential(String name, long totalBytes, ChunkSource source) throws IOException {
        try (FileChannel ch = FileChannel.open(root.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            long pos = 0;
            for (long i = 0; pos < totalBytes; i++) {
                ByteBuffer b = source.chunk(i);
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
            }
            ch.force(true);
        }
    }

    @Override
    public long readSequential(String name, ByteBuffer buffer) throws IOException {
        long h = 0;
        try (FileChannel ch = FileChannel.open(root.resolve(name), StandardOpenOption.READ)) {
            long pos = 0;
            while (true) {
                buffer.clear();
                int n = 0;
                while (buffer.hasRemaining()) {
                    int r = ch.read(buffer, pos + n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                if (n == 0) {
                    return h;
                }
                h = Digest.fold(h, buffer, 0, n);
                pos += n;
            }
        }
    }

    @Override
    public long readRandom(String name, long[] offsets, ByteBuffer buffer) throws IOException {
        long h = 0;
        try (FileChannel ch = FileChannel.open(root.resolve(name), StandardOpenOption.READ)) {
            for (long off : offsets) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer, off + buffer.position()) < 0) {
                        throw new IOException("short read at " + off);
                    }
                }
                h = Digest.fold(h, buffer, 0, buffer.capacity());
            }
        }
        return h;
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(root.resolve(name));
    }

    @Override
    public void beforeSmallFiles(String dir) throws IOException {
        afterSmallFiles(dir);
    }

    @Override
    public void createSmallFiles(String dir, int count, ByteBuffer content) throws IOException {
        Path d = Files.createDirectory(root.resolve(dir));
        for (int i = 0; i < count; i++) {
            try (FileChannel ch = FileChannel.open(d.resolve("f" + i), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer b = content.duplicate();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    @Override
    public void syncSmallFiles(String dir) throws IOException {
        sync.syncFileSystemOf(root.resolve(dir));
    }

    @Override
    public void afterSmallFiles(String dir) throws IOException {
        Path d = root.resolve(dir);
        if (!Files.exists(d)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
            for (Path p : ds) {
                Files.delete(p);
            }
        }
        Files.delete(d);
    }

    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    afterSmallFiles(p.getFileName().toString());
                } else {
                    Files.delete(p);
                }
            }
        }
        Files.delete(root);
    }
}
