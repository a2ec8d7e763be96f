package io.vexfs.core.fuzz;

import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Regression for a hang the structure-aware fuzzer found: a hole followed by an extent at a huge
 * logical block made the hole's byte length overflow, and reading the file (here a symlink target)
 * looped forever. The bound below only detects the hang; it is no performance assertion.
 */
class ExtentOverflowRegressionTest {
    @Test
    void holeBeforeAnExtentAtAHugeLogicalBlockIsReadOrRejectedNotLoopedOn() {
        for (long logical : new long[] {1L << 52, 1L << 60, Long.MAX_VALUE - 1, -1L}) {
            MemoryBlockDevice img = ImageFuzzTest.BASE.copy(false);
            // every inode with an extent in its root: move its first extent to the huge logical block
            long table = ImageFuzzTest.SB.region(FormatStructs.REGION_INODE_TABLE).start();
            for (long ino = 1; ino <= ImageFuzzTest.SB.totalInodes; ino++) {
                long blk = table + (ino - 1) / 16;
                byte[] b = img.peek(blk);
                int base = (int) ((ino - 1) % 16) * FormatStructs.INODE_SIZE;
                int depth = Le.u16(b, base + FormatStructs.INODE.off("extent_depth"));
                int count = Le.u16(b, base + FormatStructs.INODE.off("extent_count"));
                int flags = Le.i32(b, base + FormatStructs.INODE.off("flags"));
                if (Le.u16(b, base) == 0 || depth != 0 || count == 0 || (flags & 1) != 0) {
                    continue;
                }
                Le.put64(b, base + FormatStructs.INODE.off("extent_root"), logical);
                Le.put32(b, base + 252, ImageFuzzTest.CS.inode(b, base, ino) & 0xffffffffL);
                img.poke(blk, b);
            }
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ImageContract.check(img, false));
        }
    }
}
