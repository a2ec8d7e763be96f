package io.vexfs.core.vector;

import java.util.Arrays;

/**
 * A growable bit set of dead ordinals. One writer at a time (callers serialize); readers see a bit
 * once they have read any volatile the writer wrote after setting it (the index's modification count).
 */
final class Tombstones {
    private volatile long[] words = new long[4];
    private volatile int count;

    /** Marks {@code ord} dead; returns false if it already was. */
    boolean set(int ord) {
        int w = ord >>> 6;
        long[] ws = words;
        if (w >= ws.length) {
            ws = Arrays.copyOf(ws, Math.max(ws.length * 2, w + 1));
            words = ws;
        }
        long bit = 1L << ord;
        if ((ws[w] & bit) != 0) {
            return false;
        }
        ws[w] |= bit;
        count = count + 1;
        return true;
    }

    boolean get(int ord) {
        long[] ws = words;
        int w = ord >>> 6;
        return w < ws.length && (ws[w] & (1L << ord)) != 0;
    }

    /** Number of dead ordinals. */
    int count() {
        return count;
    }

    /** A copy of the words covering ordinals {@code [0, n)}. */
    long[] copyWords(int n) {
        long[] out = new long[(n + 63) >>> 6];
        long[] ws = words;
        System.arraycopy(ws, 0, out, 0, Math.min(ws.length, out.length));
        if ((n & 63) != 0 && out.length > 0) {
            out[out.length - 1] &= (1L << n) - 1;
        }
        return out;
    }
}
