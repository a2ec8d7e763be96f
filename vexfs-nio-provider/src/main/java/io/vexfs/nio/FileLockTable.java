package io.vexfs.nio;

import java.nio.channels.Channel;
import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-range locks of one volume. A volume is open in one JVM only, so this table is complete: as with
 * the JDK's own table, a request overlapping any lock held in this JVM (shared or exclusive, any channel)
 * fails with {@link OverlappingFileLockException}; disjoint ranges coexist.
 */
final class FileLockTable {
    private final Map<Long, List<RangeLock>> byInode = new HashMap<>();

    /** Registers {@code lock}, or throws if it overlaps a held lock on the same file. */
    synchronized void add(RangeLock lock) {
        List<RangeLock> held = byInode.computeIfAbsent(lock.inode(), k -> new ArrayList<>());
        for (RangeLock other : held) {
            if (overlaps(other.position(), other.size(), lock.position(), lock.size())) {
                throw new OverlappingFileLockException();
            }
        }
        held.add(lock);
    }

    synchronized void remove(RangeLock lock) {
        lock.invalidate();
        List<RangeLock> held = byInode.get(lock.inode());
        if (held != null) {
            held.remove(lock);
            if (held.isEmpty()) {
                byInode.remove(lock.inode());
            }
        }
    }

    /** Releases every lock acquired through {@code channel} on file {@code inode} (when it closes). */
    synchronized void removeAll(Channel channel, long inode) {
        List<RangeLock> held = byInode.get(inode);
        if (held == null) {
            return;
        }
        for (RangeLock lock : List.copyOf(held)) {
            if (lock.acquiredBy() == channel) {
                remove(lock);
            }
        }
    }

    static void checkRange(long position, long size) {
        if (position < 0 || size < 0 || position + size < 0) {
            throw new IllegalArgumentException("bad lock range: position " + position + ", size " + size);
        }
    }

    private static boolean overlaps(long p1, long s1, long p2, long s2) {
        long e1 = end(p1, s1);
        long e2 = end(p2, s2);
        return p1 < e2 && p2 < e1;
    }

    private static long end(long position, long size) {
        long e = position + size;
        return e < 0 ? Long.MAX_VALUE : e;
    }
}
