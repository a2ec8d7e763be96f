package io.vexfs.core.dir;

import java.util.Arrays;

/**
 * One stored directory entry.
 *
 * @param hash  name hash
 * @param name  UTF-8 name
 * @param inode target inode
 * @param type  directory-entry file type code
 */
public record DirRecord(long hash, byte[] name, long inode, int type) {
    /** Orders by (hash unsigned, name bytes unsigned): the directory's key order. */
    public static int compareKeys(long h1, byte[] n1, long h2, byte[] n2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Arrays.compareUnsigned(n1, n2);
    }

    int size() {
        return io.vexfs.core.format.FormatStructs.DIRENT_HEADER + name.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirRecord r && r.hash == hash && Arrays.equals(r.name, name) && r.inode == inode
                && r.type == type;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash) ^ Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return new String(name, java.nio.charset.StandardCharsets.UTF_8) + "->" + inode;
    }
}
