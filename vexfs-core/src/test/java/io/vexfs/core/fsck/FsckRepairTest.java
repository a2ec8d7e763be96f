package io.vexfs.core.fsck;

import io.vexfs.core.FileStat;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.engine.VolumeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** fsck finds planted inconsistencies with their location, and --repair makes the volume clean again. */
class FsckRepairTest {
    @TempDir
    Path tmp;

    @Test
    void repairsBitmapsLinkCountsAndOrphans() throws Exception {
        Path img = tmp.resolve("r.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(16L << 20));
        long fileIno;
        long dataBlock;
        try (VolumeEngine v = VolumeEngine.open(img, VolumeOptions.defaults())) {
            v.mkdir("/d", 0755);
            try (var h = v.open("/d/f", OpenMode.createTruncate())) {
                h.write(ByteBuffer.wrap(new byte[10_000]), 0);
            }
            v.open("/d/g", OpenMode.createTruncate()).close();
            FileStat st = v.stat("/d/f", false);
            fileIno = st.inode();
            dataBlock = v.inspectInode(fileIno).extents.physicalAt(0);
            v.sync();
            // plant: a used block marked free, a free block marked used, a wrong link count, a leaked inode
            long freeBlock = v.superblock().totalBlocks - 10;
            v.repair(List.of(new long[] {dataBlock, 0}, new long[] {freeBlock, 1}), List.of(new long[] {30, 1}),
                    List.of(new long[] {fileIno, 3}), List.of());
        }
        FsckReport before = Fsck.check(img, false);
        assertThat(before.problems()).extracting(FsckProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("block " + dataBlock).contains("marked free"))
                .anySatisfy(p -> assertThat(p).contains("nothing references it"))
                .anySatisfy(p -> assertThat(p).contains("inode " + fileIno).contains("link count 3, expected 1"))
                .anySatisfy(p -> assertThat(p).contains("inode 30"));
        FsckReport repaired = Fsck.check(img, true);
        assertThat(repaired.unrepaired()).isZero();
        assertThat(Fsck.check(img, false).problems()).isEmpty();
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.stat("/d/f", false).nlink()).isEqualTo(1);
            assertThat(v.stat("/d/f", false).size()).isEqualTo(10_000);
        }
    }
}
