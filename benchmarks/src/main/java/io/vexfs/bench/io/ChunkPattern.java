package io.vexfs.bench.io;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Content of the sequentially written file: random bytes with the chunk index stamped at three places, so every
 * chunk differs and a read-back digest proves the data is the data that was written.
 */
final class ChunkPattern {
    private final ByteBuffer base;

    ChunkPattern(int chunkBytes) {
        base = ByteBuffer.allocateDirect(chunkBytes);
        byte[] random = new byte[chunkBytes];
        new Random(1).nextBytes(random);
        base.put(random).flip();
    }

    /** Chunk {@code index}, positioned for reading (a view over one shared buffer). */
    ByteBuffer chunk(long index) {
        ByteBuffer b = base.duplicate();
        int n = b.capacity();
        b.putLong(0, index);
        b.putLong((n / 2) & ~7, ~index);
        b.putLong(n - 8, index * 31);
        return b.clear();
    }

    /** The digest {@link StorageTarget#readSequential} returns for a file of {@code size} bytes of this pattern. */
    long digestOf(long size) {
        long h = 0;
        int n = base.capacity();
        for (long i = 0; i * n < size; i++) {
            h = Digest.fold(h, chunk(i), 0, (int) Math.min(n, size - i * n));
        }
        return h;
    }
}
