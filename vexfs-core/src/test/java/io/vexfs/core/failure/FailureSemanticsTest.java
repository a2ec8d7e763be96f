package io.vexfs.core.failure;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.FaultyBlockDevice;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the volume does when the device fails: a failed force takes it out of service for good
 * (never a retried fsync reported as success) and a reopen recovers from the journal; a failed
 * write or read inside a commit does the same; out of space fails the one operation cleanly.
 */
class FailureSemanticsTest {
    static final Path NAME = Path.of("faulty.vexfs");

    private static MemoryBlockDevice formatted(long blocks) throws VexfsException {
        MemoryBlockDevice dev = new MemoryBlockDevice(blocks);
        Mkfs.format(dev, MkfsOptions.ofSize(blocks * 4096));
        return dev;
    }

    private static void write(VolumeEngine v, String path, byte[] data) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(data), 0);
        }
    }

    private static byte[] read(VolumeEngine v, String path) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining() && h.read(b, b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }

    private static void assertFsckClean(MemoryBlockDevice dev) {
        assertThat(Fsck.check(NAME, dev.copy(false), false, x -> { }).problems()).isEmpty();
    }

    @Test
    void failedForceTakesTheVolumeOutOfServiceAndReopenRecovers() throws Exception {
        for (int failAt = 0; failAt < 3; failAt++) {   // data force, journal force, later
            MemoryBlockDevice disk = formatted(2048);
            FaultyBlockDevice dev = new FaultyBlockDevice(disk);
            VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
            byte[] acked = "durable".getBytes(StandardCharsets.UTF_8);
            write(v, "/acked", acked);
            v.sync();
            write(v, "/pending", new byte[10_000]);
            dev.failForce(failAt);
            VexfsException first = null;
            for (int i = 0; i < 3 && first == null; i++) {
                try {
                    v.sync();
                    write(v, "/more" + i, new byte[5000]);
                } catch (VexfsException e) {
                    first = e;
                }
            }
            assertThat(first).as("the injected fsync failure surfaced").isNotNull();
            assertThat(first.error()).isEqualTo(VexfsError.EIO);
            assertThat(v.isFailed()).isTrue();
            dev.heal();
            // the next fsync must not succeed just because the device works again
            assertThatThrownBy(v::sync).isInstanceOfSatisfying(VexfsException.class,
                    e -> assertThat(e.error()).isEqualTo(VexfsError.EIO));
            assertThatThrownBy(() -> v.mkdir("/x", 0755)).isInstanceOfSatisfying(VexfsException.class,
                    e -> assertThat(e.error()).isEqualTo(VexfsError.EIO));
            assertThatThrownBy(() -> write(v, "/y", new byte[1])).isInstanceOfSatisfying(VexfsException.class,
                    e -> assertThat(e.error()).isEqualTo(VexfsError.EIO));
            v.close();
            assertFsckClean(disk);
            try (VolumeEngine r = VolumeEngine.open(NAME, disk, VolumeOptions.defaults())) {
                assertThat(read(r, "/acked")).isEqualTo(acked);
                r.mkdir("/after-recovery", 0755);
                r.sync();
            }
            assertFsckClean(disk);
        }
    }

    @Test
    void failedWriteOrReadDuringCommitFailsTheVolumeAndReopenRecovers() throws Exception {
        for (int failAt = 0; failAt < 6; failAt++) {
            for (VexfsError kind : new VexfsError[] {VexfsError.EIO, VexfsError.ENOSPC}) {
                MemoryBlockDevice disk = formatted(2048);
                FaultyBlockDevice dev = new FaultyBlockDevice(disk);
                VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
                write(v, "/acked", new byte[3000]);
                v.mkdir("/d", 0755);
                v.sync();
                write(v, "/d/pending", new byte[9000]);
                v.setXattr("/acked", false, "user.k", new byte[500]);
                dev.failWrite(failAt, kind);
                try {
                    v.sync();
                } catch (VexfsException e) {
                    assertThat(e.error()).isEqualTo(VexfsError.EIO);
                    assertThat(v.isFailed()).isTrue();
                }
                dev.heal();
                v.close();
                assertFsckClean(disk);
                try (VolumeEngine r = VolumeEngine.open(NAME, disk, VolumeOptions.defaults())) {
                    assertThat(read(r, "/acked")).hasSize(3000);
                    assertThat(r.stat("/d", false).isDirectory()).isTrue();
                }
                assertFsckClean(disk);
            }
        }
        MemoryBlockDevice disk = formatted(2048);
        FaultyBlockDevice dev = new FaultyBlockDevice(disk);
        VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
        write(v, "/f", new byte[3000]);
        v.sync();
        dev.failReads(b -> true);
        assertThatThrownBy(() -> v.mkdir("/d/e", 0755)).isInstanceOf(VexfsException.class);
        dev.heal();
        v.close();
        assertFsckClean(disk);
    }

    @Test
    void bitRotInMetadataIsReportedNotReturned() throws Exception {
        MemoryBlockDevice disk = formatted(2048);
        try (VolumeEngine v = VolumeEngine.open(NAME, disk, VolumeOptions.defaults())) {
            v.mkdir("/d", 0755);
            write(v, "/d/f", new byte[100]);
        }
        long root = VolumeEngine.open(NAME, disk.copy(true), VolumeOptions.defaults().withReadOnly(true))
                .superblock().region(io.vexfs.core.format.FormatStructs.REGION_DATA).start();
        FaultyBlockDevice dev = new FaultyBlockDevice(disk);
        dev.rot(root + 1, 8 * 40 + 3);   // the root directory's leaf
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults().withReadOnly(true))) {
            assertThatThrownBy(() -> v.stat("/d/f", false)).isInstanceOfSatisfying(VexfsException.class,
                    e -> assertThat(e.error()).isIn(VexfsError.EBADMSG, VexfsError.EUCLEAN));
        }
        assertThat(Fsck.check(NAME, dev, false, x -> { }).problems()).isNotEmpty();
    }

    private interface Step {
        void run() throws VexfsException;
    }

    @Test
    void outOfSpaceFailsOneOperationAndChangesNothing() throws Exception {
        MemoryBlockDevice disk = formatted(1024);
        VolumeEngine v = VolumeEngine.open(NAME, disk, VolumeOptions.defaults());
        Random r = new Random(11);
        v.mkdir("/d", 0755);
        int failures = 0;
        int done = 0;
        for (int i = 0; i < 4000 && failures < 60; i++) {
            String p = "/d/f" + i;
            int kind = r.nextInt(6);
            int size = 1 + r.nextInt(200_000);
            int xattrSize = r.nextInt(300);
            String target = "x".repeat(100 + r.nextInt(3000));
            // each step is one volume operation; a failing step must leave the tree as it found it
            List<Step> steps = switch (kind) {
                case 0 -> List.of(() -> write(v, p, new byte[0]), () -> write(v, p, new byte[size]));
                case 1 -> List.of(() -> v.mkdir(p, 0755));
                case 2 -> List.of(() -> v.setXattr("/d", false, "user.x" + p.length() + size, new byte[xattrSize]));
                case 3 -> List.of(() -> v.symlink(p, target));
                case 4 -> List.of(() -> write(v, p, new byte[4096]), () -> {
                    try (FileHandle h = v.open(p, new OpenMode(false, true, true, false, false, false, true, 0644, false))) {
                        h.write(ByteBuffer.wrap(new byte[size]), 0);
                    }
                });
                default -> List.of(() -> write(v, p, new byte[10]), () -> v.link(p, p + ".link"));
            };
            for (Step step : steps) {
                String before = io.vexfs.core.crash.TreeImages.capture(v);
                try {
                    step.run();
                    done++;
                } catch (VexfsException e) {
                    if (e.error() != VexfsError.ENOSPC) {
                        throw e;
                    }
                    failures++;
                    assertThat(v.isFailed()).as("ENOSPC must not take the volume out of service (" + p + ")").isFalse();
                    assertThat(io.vexfs.core.crash.TreeImages.capture(v)).as("tree after a failed step on " + p)
                            .isEqualTo(before);
                    v.sync();
                    assertFsckClean(disk);
                    break;
                }
            }
        }
        assertThat(failures).as("the volume filled up").isPositive();
        v.close();
        assertFsckClean(disk);
        System.out.printf("ENOSPC: %d operations succeeded, %d failed cleanly%n", done, failures);
    }
}
