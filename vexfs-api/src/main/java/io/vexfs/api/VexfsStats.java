package io.vexfs.api;

import java.util.Map;

/**
 * Volume statistics, as {@code statfs} reports them.
 *
 * @param blockSize   bytes per block
 * @param totalBlocks blocks in the volume
 * @param freeBlocks  blocks not allocated
 * @param totalInodes inode slots
 * @param freeInodes  inode slots not allocated
 * @param vectorCounts vectors stored per vector space name
 */
public record VexfsStats(int blockSize, long totalBlocks, long freeBlocks, long totalInodes, long freeInodes,
                         Map<String, Long> vectorCounts) {
    public VexfsStats {
        vectorCounts = Map.copyOf(vectorCounts);
    }

    public long totalBytes() {
        return totalBlocks * blockSize;
    }

    public long freeBytes() {
        return freeBlocks * blockSize;
    }
}
