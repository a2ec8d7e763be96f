package io.vexfs.bench.io;

import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * vexfs-core through its {@link Volume} API: one volume for the big-file workloads, a fresh volume per small-file
 * run (formatted and opened outside the timed part), all image files in a scratch directory.
 */
final class VexfsTarget implements StorageTarget {
    private static final OpenMode CREATE_NEW = new OpenMode(false, true, false, true, true, false, true, 0644, false);
    private final Path dir;
    private final long imageBytes;
    private final long smallImageBytes;
    private final int smallFiles;
    private final Volume volume;
    private Volume smallVolume;

    VexfsTarget(Path dir, IoBenchmarkConfig config) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.imageBytes = 2 * config.bigFileBytes() + (256L << 20);
        this.smallFiles = config.smallFiles();
        this.smallImageBytes = (long) config.smallFiles() * 8192 + (256L << 20);
        Path image = dir.resolve("big.vexfs");
        Volume.mkfs(image, MkfsOptions.ofSize(imageBytes).withLabel("bench"));
        this.volume = Volume.open(image, VolumeOptions.defaults());
    }

    @Override
    public String name() {
        return "vexfs";
    }

    @Override
    public void writeSequential(String name, long totalBytes, ChunkSource source) throws IOException {
        try (FileHandle h = volume.open("/" + name, CREATE_NEW)) {
            long pos = 0;
            for (long i = 0; pos < totalBytes; i++) {
                pos += h.write(source.chunk(i), pos);
            }
            h.force(true);
        }
    }

    @Override
    public long readSequential(String name, ByteBuffer buffer) throws IOException {
        long h = 0;
        try (FileHandle f = volume.open("/" + name, OpenMode.readOnly())) {
            long pos = 0;
            while (true) {
                buffer.clear();
                int n = 0;
                while (buffer.hasRemaining()) {
                    int r = f.read(buffer, pos + n);
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
        try (FileHandle f = volume.open("/" + name, OpenMode.readOnly())) {
            for (long off : offsets) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (f.read(buffer, off + buffer.position()) < 0) {
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
        if (volume.tryStat("/" + name, false).isPresent()) {
            volume.unlink("/" + name);
        }
    }

    @Override
    public void beforeSmallFiles(String name) throws IOException {
        Path image = dir.resolve(name + ".vexfs");
        Volume.mkfs(image, MkfsOptions.ofSize(smallImageBytes).withInodeCount(smallFiles + 1024L).withOverwrite(true));
        smallVolume = Volume.open(image, VolumeOptions.defaults());
    }

    @Override
    public void createSmallFiles(String name, int count, ByteBuffer content) throws IOException {
        String d = "/" + name;
        smallVolume.mkdir(d, 0755);
        for (int i = 0; i < count; i++) {
            try (FileHandle h = smallVolume.open(d + "/f" + i, CREATE_NEW)) {
                h.write(content.duplicate(), 0);
            }
        }
    }

    @Override
    public void syncSmallFiles(String dir) throws IOException {
        smallVolume.sync();
    }

    @Override
    public void afterSmallFiles(String name) throws IOException {
        if (smallVolume != null) {
            smallVolume.close();
            smallVolume = null;
        }
        Files.deleteIfExists(dir.resolve(name + ".vexfs"));
    }

    @Override
    public void close() throws IOException {
        volume.close();
        Files.deleteIfExists(dir.resolve("big.vexfs"));
        Files.deleteIfExists(dir);
    }
}
