package io.vexfs.core.vector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Append-only float32 vectors off-heap, ordinal to vector, with each ordinal's key.
 *
 * <p>Vectors live in chunks of {@code 2^chunkShift} vectors (about 32 MiB each); only the last chunk
 * grows (by reallocation and copy), so a vector never moves once a chunk is full. One writer at a
 * time (callers serialize appends); readers may read any ordinal below {@link #size()} concurrently.
 * Memory is owned by automatic arenas: it is released when the store becomes unreachable, so a search
 * still holding an old store after compaction stays safe.
 */
final class OffHeapVectorStore {
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long CHUNK_BYTES = 32L << 20;
    private static final int FIRST_CHUNK_VECTORS = 64;

    private final int dimension;
    private final long vectorBytes;
    private final int chunkShift;
    private final int chunkMask;
    /** Read-only vectors {@code [0, baseCount)} adopted from a loaded image (zero copy), or null. */
    private final MemorySegment base;
    private final long baseOffset;
    private final int baseCount;
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    private volatile long[] keys = new long[16];
    private volatile int size;

    OffHeapVectorStore(int dimension) {
        this(dimension, 0);
    }

    /** A store with room for {@code expected} vectors allocated up front (no growth copies until then). */
    OffHeapVectorStore(int dimension, int expected) {
        this(dimension, expected, null, 0, 0, null);
    }

    /**
     * A store whose first {@code count} vectors are read in place from {@code image} at
     * {@code offset} (little-endian float32, ordinal-major); later appends go to own chunks. The
     * image must stay readable and unchanged for the store's lifetime.
     */
    static OffHeapVectorStore adopting(int dimension, MemorySegment image, long offset, int count, long[] keys) {
        return new OffHeapVectorStore(dimension, 0, image, offset, count, keys);
    }

    private OffHeapVectorStore(int dimension, int expected, MemorySegment base, long baseOffset, int baseCount,
                               long[] baseKeys) {
        this.dimension = dimension;
        this.base = base;
        this.baseOffset = baseOffset;
        this.baseCount = baseCount;
        if (base != null) {
            this.keys = Arrays.copyOf(baseKeys, Math.max(16, baseCount));
            this.size = baseCount;
        }
        this.vectorBytes = 4L * dimension;
        long perChunk = Math.max(1, CHUNK_BYTES / vectorBytes);
        this.chunkShift = 63 - Long.numberOfLeadingZeros(perChunk);
        this.chunkMask = (1 << chunkShift) - 1;
        if (expected > 0) {
            int full = expected >>> chunkShift;
            int rest = expected & chunkMask;
            MemorySegment[] cs = new MemorySegment[full + (rest > 0 ? 1 : 0)];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = allocate(i < full ? 1L << chunkShift : rest);
            }
            chunks = cs;
            keys = new long[Math.max(16, expected)];
        }
    }

    int dimension() {
        return dimension;
    }

    /** Number of ordinals appended so far; ordinals {@code [0, size)} are readable. */
    int size() {
        return size;
    }

    long vectorBytes() {
        return vectorBytes;
    }

    /** Appends a vector with its key and returns its ordinal. Not thread-safe against other appends. */
    int append(float[] v, long key) {
        int ord = reserve(key);
        MemorySegment.copy(v, 0, segment(ord), FLOAT_LE, offset(ord), dimension);
        size = ord + 1;
        return ord;
    }

    /** Appends a copy of {@code vectorBytes} bytes at {@code srcOffset} in {@code src}. */
    int appendFrom(MemorySegment src, long srcOffset, long key) {
        int ord = reserve(key);
        MemorySegment.copy(src, srcOffset, segment(ord), offset(ord), vectorBytes);
        size = ord + 1;
        return ord;
    }

    private int reserve(long key) {
        int ord = size;
        if (ord == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("vector store is full");
        }
        int own = ord - baseCount;
        int chunk = own >>> chunkShift;
        int inChunk = own & chunkMask;
        MemorySegment[] cs = chunks;
        if (chunk == cs.length) {
            MemorySegment[] n = Arrays.copyOf(cs, chunk + 1);
            n[chunk] = allocate(Math.min(FIRST_CHUNK_VECTORS, 1L << chunkShift));
            chunks = n;
        } else if ((long) (inChunk + 1) * vectorBytes > cs[chunk].byteSize()) {
            long vectors = Math.min(2 * (cs[chunk].byteSize() / vectorBytes), 1L << chunkShift);
            MemorySegment grown = allocate(vectors);
            MemorySegment.copy(cs[chunk], 0, grown, 0, (long) inChunk * vectorBytes);
            MemorySegment[] n = cs.clone();
            n[chunk] = grown;
            chunks = n;
        }
        long[] ks = keys;
        if (ord == ks.length) {
            ks = Arrays.copyOf(ks, ks.length * 2);
            ks[ord] = key;
            keys = ks;
        } else {
            ks[ord] = key;
        }
        return ord;
    }

    private MemorySegment allocate(long vectors) {
        return Arena.ofAuto().allocate(vectors * vectorBytes, 64);
    }

    /** The segment holding ordinal {@code ord}; pair with {@link #offset(int)}. */
    MemorySegment segment(int ord) {
        return ord < baseCount ? base : chunks[(ord - baseCount) >>> chunkShift];
    }

    /** Byte offset of ordinal {@code ord} inside {@link #segment(int)}. */
    long offset(int ord) {
        return ord < baseCount ? baseOffset + ord * vectorBytes : (long) ((ord - baseCount) & chunkMask) * vectorBytes;
    }

    long key(int ord) {
        return keys[ord];
    }

    /** Copies ordinal {@code ord} into {@code dst} (length = dimension) and returns it. */
    float[] copy(int ord, float[] dst) {
        MemorySegment.copy(segment(ord), FLOAT_LE, offset(ord), dst, 0, dimension);
        return dst;
    }

    float[] vector(int ord) {
        return copy(ord, new float[dimension]);
    }

    /** Off-heap bytes allocated for vectors (adopted image bytes not included). */
    long allocatedBytes() {
        long s = 0;
        for (MemorySegment m : chunks) {
            s += m.byteSize();
        }
        return s;
    }
}
