package io.vexfs.core.dir;

import io.vexfs.core.format.FormatStructs;

/** The directory name hash of docs/FORMAT.md: seeded 64-bit FNV-1a with a final mix. */
public final class NameHash {
    private NameHash() {
    }

    public static long of(byte[] name, long seed) {
        long h = FormatStructs.DIR_HASH_BASIS ^ seed;
        for (byte b : name) {
            h ^= b & 0xff;
            h *= FormatStructs.DIR_HASH_PRIME;
        }
        h ^= h >>> 33;
        h *= FormatStructs.DIR_HASH_MIX;
        h ^= h >>> 33;
        return h;
    }
}
