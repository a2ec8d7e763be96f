package io.vexfs.bench.nio;

import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileType;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** {@link FileOps} straight on the core's {@link Volume}: the baseline for the provider's overhead. */
final class CoreFileOps implements FileOps {
    /** {@code CREATE_NEW, WRITE} as the provider asks for it (a new file never follows a final link). */
    private static final OpenMode CREATE_NEW =
            new OpenMode(false, true, false, true, true, false, false, 0644, false);

    private final Volume volume;

    CoreFileOps(Volume volume) {
        this.volume = volume;
    }

    @Override
    public String name() {
        return "vexfs-core";
    }

    private static String file(int dir, int file) {
        return "/d" + dir + "/f" + file;
    }

    @Override
    public void prepare(int directories) throws IOException {
        for (int d = 0; d < directories; d++) {
            volume.mkdir("/d" + d, 0755);
        }
    }

    @Override
    public void create(int dir, int file, byte[] content) throws IOException {
        try (FileHandle h = volume.open(file(dir, file), CREATE_NEW)) {
            h.write(ByteBuffer.wrap(content), 0);
        }
    }

    @Override
    public long stat(int dir, int file) throws IOException {
        return volume.stat(file(dir, file), true).size();
    }

    /** What {@code Files.readAllBytes} asks of a file: its size, then reads to the end (it may have grown). */
    @Override
    public byte[] read(int dir, int file) throws IOException {
        try (FileHandle h = volume.open(file(dir, file), OpenMode.readOnly())) {
            byte[] bytes = new byte[(int) h.size()];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = 0;
            int n;
            while (buffer.hasRemaining() && (n = h.read(buffer, position)) > 0) {
                position += n;
            }
            if (buffer.hasRemaining() || h.read(ByteBuffer.allocate(1), position) <= 0) {
                return buffer.hasRemaining() ? Arrays.copyOf(bytes, (int) position) : bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes);
            ByteBuffer more = ByteBuffer.allocate(8192);
            while ((n = h.read(more.clear(), position)) > 0) {
                out.write(more.array(), 0, n);
                position += n;
            }
            return out.toByteArray();
        }
    }

    @Override
    public void overwrite(int dir, int file, byte[] content) throws IOException {
        try (FileHandle h = volume.open(file(dir, file), OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(content), 0);
        }
    }

    @Override
    public long walk() throws IOException {
        return walk("/") + 1;
    }

    private long walk(String dir) throws IOException {
        long count = 0;
        DirCursor cursor = null;
        while (true) {
            List<DirEntry> page = volume.readdir(dir, cursor, 256);
            for (DirEntry e : page) {
                count++;
                volume.stat(child(dir, e.name()), false);
                if (e.type() == FileType.DIRECTORY) {
                    count += walk(child(dir, e.name()));
                }
                cursor = e.cursor();
            }
            if (page.size() < 256) {
                return count;
            }
        }
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    @Override
    public void delete(int dir, int file) throws IOException {
        volume.unlink(file(dir, file));
    }

    @Override
    public void close() throws IOException {
        volume.close();
    }
}
