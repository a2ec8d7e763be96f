package io.vexfs.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse map from inode to the directory entries that name it, so vector search can answer with
 * current paths. Built by one walk of the tree the first time it is needed, then kept in step with
 * every entry change under the volume's write lock.
 */
final class PathIndex {
    /** One name of an inode: the entry {@code name} in directory {@code parent}. */
    record Link(long parent, String name) {
    }

    private final Map<Long, List<Link>> links = new HashMap<>();
    private final long root;

    PathIndex(long root) {
        this.root = root;
    }

    void add(long parent, String name, long ino) {
        links.computeIfAbsent(ino, k -> new ArrayList<>(1)).add(new Link(parent, name));
    }

    void remove(long parent, String name, long ino) {
        List<Link> l = links.get(ino);
        if (l != null) {
            l.remove(new Link(parent, name));
            if (l.isEmpty()) {
                links.remove(ino);
            }
        }
    }

    /** Every inode with at least one name. */
    long[] inodes() {
        return links.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    void forget(long ino) {
        links.remove(ino);
    }

    /** The path of {@code ino} through its first link (null if unreachable). */
    String path(long ino) {
        if (ino == root) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        long cur = ino;
        int guard = 0;
        while (cur != root) {
            List<Link> l = links.get(cur);
            if (l == null || l.isEmpty() || ++guard > 4096) {
                return null;
            }
            Link first = l.getFirst();
            for (Link k : l) {
                if (k.name().compareTo(first.name()) < 0) {
                    first = k;
                }
            }
            sb.insert(0, first.name()).insert(0, '/');
            cur = first.parent();
        }
        return sb.toString();
    }

    /** True if any link of {@code ino} lies under directory {@code scope}. */
    boolean under(long ino, long scope) {
        if (scope == root) {
            return links.containsKey(ino);
        }
        List<Link> l = links.get(ino);
        if (l == null) {
            return false;
        }
        for (Link k : l) {
            long cur = k.parent();
            int guard = 0;
            while (++guard < 4096) {
                if (cur == scope) {
                    return true;
                }
                if (cur == root) {
                    break;
                }
                List<Link> up = links.get(cur);
                if (up == null || up.isEmpty()) {
                    break;
                }
                cur = up.getFirst().parent();
            }
        }
        return false;
    }
}
