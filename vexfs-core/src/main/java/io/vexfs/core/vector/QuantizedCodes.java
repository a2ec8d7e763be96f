package io.vexfs.core.vector;

import java.util.Arrays;

/**
 * int8 codes (and code sums) of ordinals, written by the indexer thread before the ordinals join
 * the graph and read by searches for ordinals below the published graph bound. Chunks of 8192
 * ordinals never move once allocated.
 */
final class QuantizedCodes {
    private static final int SHIFT = 13;
    private static final int MASK = (1 << SHIFT) - 1;

    private final int dim;
    private volatile byte[][] chunks = new byte[0][];
    private volatile int[][] sums = new int[0][];

    QuantizedCodes(int dim) {
        this.dim = dim;
    }

    void set(int ord, byte[] codes, int sum) {
        int c = ord >>> SHIFT;
        if (c >= chunks.length) {
            byte[][] nc = Arrays.copyOf(chunks, c + 1);
            int[][] ns = Arrays.copyOf(sums, c + 1);
            for (int i = chunks.length; i <= c; i++) {
                nc[i] = new byte[(1 << SHIFT) * dim];
                ns[i] = new int[1 << SHIFT];
            }
            sums = ns;
            chunks = nc;
        }
        System.arraycopy(codes, 0, chunks[c], (ord & MASK) * dim, dim);
        sums[c][ord & MASK] = sum;
    }

    /** Copies the codes of {@code ord} into {@code dst} and returns its code sum. */
    int get(int ord, byte[] dst) {
        int c = ord >>> SHIFT;
        System.arraycopy(chunks[c], (ord & MASK) * dim, dst, 0, dim);
        return sums[c][ord & MASK];
    }
}
