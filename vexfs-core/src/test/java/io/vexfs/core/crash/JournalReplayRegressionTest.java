package io.vexfs.core.crash;

import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.DeviceEvent;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Regression tests for journal replay bugs the crash enumeration pointed at. */
class JournalReplayRegressionTest {
    static final Path NAME = Path.of("replay.vexfs");

    /**
     * A metadata block that a still-logged transaction wrote, then freed and reused for file data
     * (written in place, not journaled), must not be overwritten by replaying that old transaction
     * after a crash (the "revoke" problem of physical journaling).
     */
    @Test
    void replayDoesNotClobberDataInBlocksFreedFromMetadata() throws Exception {
        CrashEnumerationTest.withDataMode(true, () -> {
            replayAfterReuse();
            return null;
        });
    }

    private void replayAfterReuse() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(2048);
        Mkfs.format(dev, MkfsOptions.ofSize(2048L * 4096));
        VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
        for (int i = 0; i < 32; i++) {
            v.mkdir("/dir" + i, 0755);
            v.setXattr("/dir" + i, false, "user.big", new byte[1000]);
        }
        v.sync();
        java.util.Set<Long> metadataBlocks = new java.util.HashSet<>();
        for (int i = 0; i < 32; i++) {
            var in = v.inspectInode(v.stat("/dir" + i, false).inode());
            metadataBlocks.add(in.xattrBlock);
            for (int k = 0; k < in.extents.extentCount(); k++) {
                for (int j = 0; j < in.extents.lengthAt(k); j++) {
                    metadataBlocks.add(in.extents.physicalAt(k) + j);
                }
            }
        }
        for (int i = 0; i < 32; i++) {
            v.rmdir("/dir" + i);
        }
        v.sync();
        // a file that takes nearly all free space, so the freed blocks must be reused
        byte[] data = new byte[(int) (v.statfs().freeBlocks() - 40) * 4096];
        new Random(7).nextBytes(data);
        try (FileHandle h = v.open("/file", OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(data), 0);
            h.force(true);
        }
        var file = v.inspectInode(v.stat("/file", false).inode());
        long reused = 0;
        for (int k = 0; k < data.length / 4096; k++) {
            reused += metadataBlocks.contains(file.extents.physical(k)) ? 1 : 0;
        }
        assertThat(reused).as("file data reuses freed metadata blocks (else this test proves nothing)").isPositive();
        // power loss now: the image holds exactly what was written; the volume was never closed
        MemoryBlockDevice crashed = dev.copy(false);
        assertThat(Fsck.check(NAME, crashed, false, x -> { }).problems()).isEmpty();
        try (VolumeEngine r = VolumeEngine.open(NAME, crashed, VolumeOptions.defaults())) {
            assertThat(TreeImage.readAll(r, "/file")).isEqualTo(data);
        }
        assertThat(Fsck.check(NAME, crashed, false, x -> { }).problems()).isEmpty();
    }

    /** The durable image after {@code forces} forces plus the listed writes (by index) of the following epoch. */
    private static MemoryBlockDevice crashState(RecordedRun run, int forces, java.util.Set<Integer> landed) {
        MemoryBlockDevice d = run.base().copy(false);
        int seen = 0;
        int index = 0;
        for (DeviceEvent e : run.events()) {
            if (e instanceof DeviceEvent.Force) {
                if (++seen > forces) {
                    break;
                }
            } else if (e instanceof DeviceEvent.Write w) {
                if (seen < forces) {
                    d.poke(w.block(), w.data());
                } else if (landed.contains(index++)) {
                    d.poke(w.block(), w.data());
                }
            }
        }
        return d;
    }

    private static int forceBeforeJournalWrite(RecordedRun run, int nth) {
        int forces = 0;
        int found = 0;
        DeviceEvent prev = null;
        for (DeviceEvent e : run.events()) {
            if (e instanceof DeviceEvent.Write w && prev instanceof DeviceEvent.Force
                    && Le.i32(w.data(), 0) == FormatStructs.JOURNAL_DESC_MAGIC && found++ == nth) {
                return forces;
            }
            if (e instanceof DeviceEvent.Force) {
                forces++;
            }
            if (!(e instanceof DeviceEvent.Marker)) {
                prev = e;
            }
        }
        throw new AssertionError("no journal write " + nth);
    }

    /**
     * A commit block whose images did not all land must not be replayed with the stale images left
     * in the log (images_crc used to be a CRC32C, blind to images that end in their own CRC32C).
     */
    @Test
    void commitWithAStaleImageIsNotReplayed() throws Exception {
        // ordered mode: the append's data goes in place, the journal record holds three metadata images
        RecordedRun run = CrashEnumerationTest.withDataMode(true, () -> RecordedRun.record(RecordedRun.standardBase(),
                java.util.List.of(WorkloadOp.SETXATTR, WorkloadOp.FORCE_FILE, WorkloadOp.APPEND), 0));
        int epoch = forceBeforeJournalWrite(run, 1);
        // descriptor, two images and the commit landed; the third image (an inode-table block) did not
        MemoryBlockDevice state = crashState(run, epoch, java.util.Set.of(0, 1, 2, 4));
        assertThat(Fsck.check(NAME, state, false, x -> { }).problems()).isEmpty();
        try (VolumeEngine v = VolumeEngine.open(NAME, state, VolumeOptions.defaults())) {
            assertThat(CrashOracle.explain(TreeImage.capture(v), run.snapshots(), 2, 3, -1)).isNull();
        }
        assertThat(Fsck.check(NAME, state, false, x -> { }).problems()).isEmpty();
    }

    /** A torn journal-header write (first sector new, the rest old) must not make the volume unopenable. */
    @Test
    void tornJournalHeaderIsSurvived() throws Exception {
        RecordedRun run = RecordedRun.record(RecordedRun.standardBase(), java.util.List.of(WorkloadOp.CREATE), 0);
        int forces = 0;
        for (DeviceEvent e : run.events()) {
            if (e instanceof DeviceEvent.Force) {
                forces++;
            } else if (e instanceof DeviceEvent.Write w && w.block() == 1) {
                MemoryBlockDevice state = crashState(run, forces, java.util.Set.of());
                byte[] torn = state.peek(1);
                System.arraycopy(w.data(), 0, torn, 0, 512);
                state.poke(1, torn);
                // read-only fsck reports the damaged header; a writable open rebuilds it from the log
                assertThat(Fsck.check(NAME, state, false, x -> { }).problems())
                        .singleElement().satisfies(p -> assertThat(p.where()).isEqualTo("journal header at block 1"));
                try (VolumeEngine v = VolumeEngine.open(NAME, state, VolumeOptions.defaults())) {
                    assertThat(CrashOracle.explain(TreeImage.capture(v), run.snapshots(), 0, 1, -1)).isNull();
                }
                assertThat(Fsck.check(NAME, state, false, x -> { }).problems()).isEmpty();
                return;
            }
        }
        throw new AssertionError("the workload never rewrote the journal header");
    }
}
