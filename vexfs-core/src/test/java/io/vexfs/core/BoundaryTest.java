package io.vexfs.core;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error paths at the limits: each failure carries the right errno and leaves the volume fsck-clean. */
class BoundaryTest {
    @TempDir
    Path tmp;

    private static void expect(VexfsError err, Runnable0 r) {
        assertThatThrownBy(r::run).isInstanceOf(VexfsException.class)
                .satisfies(e -> assertThat(((VexfsException) e).error()).isEqualTo(err));
    }

    interface Runnable0 {
        void run() throws Exception;
    }

    private Path fresh(long size, long inodes) throws VexfsException {
        Path img = tmp.resolve("b" + System.nanoTime() + ".vexfs");
        MkfsOptions o = MkfsOptions.ofSize(size);
        Volume.mkfs(img, inodes > 0 ? o.withInodeCount(inodes) : o);
        return img;
    }

    @Test
    void namesAndTypes() throws Exception {
        Path img = fresh(16L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/d", 0755);
            v.open("/d/f", OpenMode.createTruncate()).close();
            String ok = "é".repeat(127) + "x"; // 255 bytes
            v.mkdir("/" + ok, 0755);
            assertThat(v.stat("/" + ok, false).isDirectory()).isTrue();
            expect(VexfsError.ENAMETOOLONG, () -> v.mkdir("/" + "é".repeat(128), 0755));
            expect(VexfsError.EEXIST, () -> v.mkdir("/d", 0755));
            expect(VexfsError.EEXIST, () -> v.symlink("/d/f", "x"));
            expect(VexfsError.ENOTEMPTY, () -> v.rmdir("/d"));
            expect(VexfsError.ENOTDIR, () -> v.rmdir("/d/f"));
            expect(VexfsError.ENOTDIR, () -> v.mkdir("/d/f/x", 0755));
            expect(VexfsError.EISDIR, () -> v.unlink("/d"));
            expect(VexfsError.EISDIR, () -> v.open("/d", OpenMode.createTruncate()));
            expect(VexfsError.ENOENT, () -> v.stat("/nope", true));
            expect(VexfsError.EPERM, () -> v.link("/d", "/d2"));
            expect(VexfsError.EBUSY, () -> v.rmdir("/"));
            expect(VexfsError.EINVAL, () -> v.rename("/d", "/d/sub", false));
            expect(VexfsError.EISDIR, () -> v.rename("/d/f", "/d", false));
            v.mkdir("/e", 0755);
            expect(VexfsError.ENOTDIR, () -> v.rename("/e", "/d/f", false));
            v.open("/d/g", OpenMode.createTruncate()).close();
            expect(VexfsError.EEXIST, () -> v.rename("/d/f", "/d/g", true));
            v.symlink("/loop1", "/loop2");
            v.symlink("/loop2", "/loop1");
            expect(VexfsError.ELOOP, () -> v.stat("/loop1", true));
            expect(VexfsError.ELOOP, () -> v.open("/loop1", OpenMode.readOnly()));
            expect(VexfsError.ENODATA, () -> v.removeXattr("/d", false, "user.none"));
            expect(VexfsError.EINVAL, () -> v.readlink("/d"));
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }

    @Test
    void tooManyLinks() throws Exception {
        Path img = fresh(64L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.open("/f", OpenMode.createTruncate()).close();
            v.mkdir("/l", 0755);
            for (int i = 1; i < 65000; i++) {
                v.link("/f", "/l/" + i);
            }
            expect(VexfsError.EMLINK, () -> v.link("/f", "/l/too-many"));
            assertThat(v.stat("/f", false).nlink()).isEqualTo(65000);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }

    @Test
    void outOfSpaceLeavesNothingHalfDone() throws Exception {
        Path img = fresh(4L << 20, 64);
        byte[] chunk = new byte[256 * 1024];
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            int files = 0;
            VexfsException last = null;
            for (int i = 0; i < 200 && last == null; i++) {
                try (FileHandle h = v.open("/f" + i, OpenMode.createTruncate())) {
                    files++;
                    h.write(ByteBuffer.wrap(chunk), 0);
                } catch (VexfsException e) {
                    last = e;
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.error()).isEqualTo(VexfsError.ENOSPC);
            assertThat(files).isGreaterThan(3);
            long free = v.statfs().freeBlocks();
            expect(VexfsError.ENOSPC, () -> {
                try (FileHandle h = v.open("/f0", OpenMode.readWriteCreate())) {
                    h.write(ByteBuffer.wrap(new byte[8 << 20]), 1 << 20);
                }
            });
            assertThat(v.statfs().freeBlocks()).isEqualTo(free);
            // inodes run out too
            VexfsError err = null;
            for (int i = 0; i < 100 && err == null; i++) {
                try {
                    v.mkdir("/dir" + i, 0755);
                } catch (VexfsException e) {
                    err = e.error();
                }
            }
            assertThat(err).isEqualTo(VexfsError.ENOSPC);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.unlink("/f0");
            v.open("/after", OpenMode.createTruncate()).close();
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }

    @Test
    void readOnlyVolumeRefusesWrites() throws Exception {
        Path img = fresh(8L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/d", 0755);
        }
        try (Volume v = Volume.open(img, VolumeOptions.defaults().withReadOnly(true))) {
            assertThat(v.isReadOnly()).isTrue();
            assertThat(v.stat("/d", false).isDirectory()).isTrue();
            expect(VexfsError.EROFS, () -> v.mkdir("/e", 0755));
            expect(VexfsError.EROFS, () -> v.open("/x", OpenMode.createTruncate()));
        }
    }

    @Test
    void secondWriterIsRefused() throws Exception {
        Path img = fresh(8L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            expect(VexfsError.EBUSY, () -> Volume.open(img, VolumeOptions.defaults()).close());
        }
    }

    @Test
    void unlinkedOpenFileStaysReadableUntilClosed() throws Exception {
        Path img = fresh(8L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            FileHandle h = v.open("/f", OpenMode.readWriteCreate());
            h.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            long free = v.statfs().freeInodes();
            v.unlink("/f");
            assertThat(v.tryStat("/f", false)).isEmpty();
            ByteBuffer b = ByteBuffer.allocate(3);
            h.read(b, 0);
            assertThat(b.array()).containsExactly(1, 2, 3);
            assertThat(v.statfs().freeInodes()).isEqualTo(free);
            h.close();
            assertThat(v.statfs().freeInodes()).isEqualTo(free + 1);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }

    @Test
    void sparseFilesAndHugeOffsets() throws Exception {
        Path img = fresh(16L << 20, 0);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            try (FileHandle h = v.open("/sparse", OpenMode.readWriteCreate())) {
                long far = 5L << 40; // 5 TiB
                h.write(ByteBuffer.wrap(new byte[] {42}), far);
                assertThat(h.size()).isEqualTo(far + 1);
                ByteBuffer b = ByteBuffer.allocate(8192);
                h.read(b, far - 4096);
                assertThat(b.get(4096)).isEqualTo((byte) 42);
                assertThat(b.get(0)).isZero();
                assertThat(v.stat("/sparse", false).blocks()).isEqualTo(1);
                expect(VexfsError.EFBIG, () -> h.write(ByteBuffer.wrap(new byte[1]), Long.MAX_VALUE - 10));
                h.truncate(100);
                assertThat(v.stat("/sparse", false).blocks()).isZero();
            }
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }
}
