package io.vexfs.core.engine;

import io.vexfs.core.inode.Inode;

import java.util.List;

/**
 * The outcome of resolving a path: the object (null if the final component does not exist), its
 * parent directory and final name (null for the root or a final "."/".."), and the canonical
 * components of the object's path.
 */
record Resolved(Inode inode, Inode parent, byte[] name, List<String> canonical) {
    String canonicalPath() {
        return "/" + String.join("/", canonical);
    }

    /** Canonical path of the parent directory. */
    String parentPath() {
        List<String> p = canonical.isEmpty() ? canonical : canonical.subList(0, canonical.size() - 1);
        return "/" + String.join("/", p);
    }
}
