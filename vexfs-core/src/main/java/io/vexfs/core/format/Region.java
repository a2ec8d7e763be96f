package io.vexfs.core.format;

/**
 * One region-table entry: {@code length} blocks from {@code start}.
 *
 * @param type   region type (FormatStructs.REGION_*)
 * @param start  first block
 * @param length blocks
 */
public record Region(int type, long start, long length) {
    public long end() {
        return start + length;
    }

    public boolean contains(long block) {
        return block >= start && block - start < length;
    }
}
