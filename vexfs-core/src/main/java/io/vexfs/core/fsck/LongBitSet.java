package io.vexfs.core.fsck;

/** A fixed-size bit set addressed by long indexes (volumes beyond 2^31 blocks). */
final class LongBitSet {
    private final long[] words;
    private final long size;

    LongBitSet(long size) {
        this.size = size;
        this.words = new long[(int) ((size + 63) >>> 6)];
    }

    boolean get(long i) {
        return i >= 0 && i < size && (words[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /** Sets bit {@code i}; returns its previous value. */
    boolean getAndSet(long i) {
        int w = (int) (i >>> 6);
        boolean was = (words[w] & (1L << i)) != 0;
        words[w] |= 1L << i;
        return was;
    }
}
