package io.vexfs.bench.io;

import java.nio.ByteBuffer;

/** A cheap digest over buffers that were read, so the JIT cannot drop reads and results can be cross-checked. */
final class Digest {
    private Digest() {
    }

    /** Folds the first, a middle and the last long of the buffer's readable bytes into {@code h}. */
    static long fold(long h, ByteBuffer b, int from, int to) {
        if (to - from >= 8) {
            h = h * 31 + b.getLong(from);
            h = h * 31 + b.getLong(from + ((to - from) / 2 & ~7));
            h = h * 31 + b.getLong(to - 8);
        }
        return h;
    }
}
