package io.vexfs.core;

import java.util.Arrays;

/**
 * A stable readdir position: the key {@code (hash, name bytes)} of the last entry returned.
 * Listings resume strictly after it, whatever was added or removed meanwhile.
 *
 * @param hash      name hash of the last entry
 * @param nameBytes UTF-8 name of the last entry
 */
public record DirCursor(long hash, byte[] nameBytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DirCursor c && c.hash == hash && Arrays.equals(c.nameBytes, nameBytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash) * 31 + Arrays.hashCode(nameBytes);
    }

    @Override
    public String toString() {
        return "DirCursor[" + Long.toHexString(hash) + "]";
    }
}
