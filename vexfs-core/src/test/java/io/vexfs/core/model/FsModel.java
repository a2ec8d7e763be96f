package io.vexfs.core.model;

import io.vexfs.api.VexfsError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference model: a plain in-memory tree with POSIX semantics for the operations the randomized
 * test issues. Each operation returns null on success or the errno it must fail with.
 */
final class FsModel {
    /** File content shared by hard links. */
    static final class Content {
        byte[] data = new byte[0];
        final TreeMap<String, byte[]> xattrs = new TreeMap<>();
    }

    sealed interface Node permits FileNode, DirNode, LinkNode {
    }

    record FileNode(Content content) implements Node {
    }

    record LinkNode(String target) implements Node {
    }

    static final class DirNode implements Node {
        final TreeMap<String, Node> children = new TreeMap<>();
    }

    final DirNode root = new DirNode();

    private static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The directory that holds {@code path}'s last component (no symlinks in the model's parents), or null. */
    DirNode parentOf(String path) {
        List<String> p = parts(path);
        DirNode d = root;
        for (int i = 0; i < p.size() - 1; i++) {
            Node n = d.children.get(p.get(i));
            if (!(n instanceof DirNode dn)) {
                return null;
            }
            d = dn;
        }
        return d;
    }

    static String last(String path) {
        List<String> p = parts(path);
        return p.getLast();
    }

    Node get(String path) {
        if (parts(path).isEmpty()) {
            return root;
        }
        DirNode d = parentOf(path);
        return d == null ? null : d.children.get(last(path));
    }

    /** The errno for a path whose object is absent: a bad parent or just a missing name. */
    private VexfsError missing(String path) {
        return parentOf(path) == null ? parentError(path) : VexfsError.ENOENT;
    }

    VexfsError createFile(String path) {
        DirNode d = parentOf(path);
        if (d == null) {
            return parentError(path);
        }
        Node n = d.children.get(last(path));
        if (n instanceof DirNode) {
            return VexfsError.EISDIR;
        }
        if (n instanceof LinkNode) {
            return VexfsError.ELOOP; // the test opens with NOFOLLOW
        }
        if (n == null) {
            d.children.put(last(path), new FileNode(new Content()));
        } else {
            ((FileNode) n).content().data = new byte[0];
        }
        return null;
    }

    private VexfsError parentError(String path) {
        List<String> p = parts(path);
        DirNode d = root;
        for (int i = 0; i < p.size() - 1; i++) {
            Node n = d.children.get(p.get(i));
            if (n == null) {
                return VexfsError.ENOENT;
            }
            if (!(n instanceof DirNode dn)) {
                return n instanceof LinkNode ? VexfsError.ENOENT : VexfsError.ENOTDIR;
            }
            d = dn;
        }
        return VexfsError.ENOENT;
    }

    VexfsError write(String path, long pos, byte[] data) {
        Node n = get(path);
        if (!(n instanceof FileNode f)) {
            return n == null ? missing(path) : n instanceof DirNode ? VexfsError.EISDIR : VexfsError.ELOOP;
        }
        Content c = f.content();
        if (data.length == 0) {
            return null; // like pwrite(2): writing nothing never changes the size
        }
        long end = pos + data.length;
        if (end > c.data.length) {
            c.data = Arrays.copyOf(c.data, (int) end);
        }
        System.arraycopy(data, 0, c.data, (int) pos, data.length);
        return null;
    }

    VexfsError truncate(String path, int size) {
        Node n = get(path);
        if (!(n instanceof FileNode f)) {
            return n == null ? missing(path) : n instanceof DirNode ? VexfsError.EISDIR : VexfsError.ELOOP;
        }
        f.content().data = Arrays.copyOf(f.content().data, size);
        return null;
    }

    VexfsError mkdir(String path) {
        DirNode d = parentOf(path);
        if (d == null) {
            return parentError(path);
        }
        if (d.children.containsKey(last(path))) {
            return VexfsError.EEXIST;
        }
        d.children.put(last(path), new DirNode());
        return null;
    }

    VexfsError symlink(String path, String target) {
        DirNode d = parentOf(path);
        if (d == null) {
            return parentError(path);
        }
        if (d.children.containsKey(last(path))) {
            return VexfsError.EEXIST;
        }
        d.children.put(last(path), new LinkNode(target));
        return null;
    }

    VexfsError link(String from, String to) {
        Node n = get(from);
        if (n == null) {
            return parentOf(from) == null ? parentError(from) : VexfsError.ENOENT;
        }
        if (n instanceof DirNode) {
            return VexfsError.EPERM;
        }
        DirNode d = parentOf(to);
        if (d == null) {
            return parentError(to);
        }
        if (d.children.containsKey(last(to))) {
            return VexfsError.EEXIST;
        }
        d.children.put(last(to), n);
        return null;
    }

    VexfsError unlink(String path) {
        DirNode d = parentOf(path);
        if (d == null) {
            return parentError(path);
        }
        Node n = d.children.get(last(path));
        if (n == null) {
            return VexfsError.ENOENT;
        }
        if (n instanceof DirNode) {
            return VexfsError.EISDIR;
        }
        d.children.remove(last(path));
        return null;
    }

    VexfsError rmdir(String path) {
        DirNode d = parentOf(path);
        if (d == null) {
            return parentError(path);
        }
        Node n = d.children.get(last(path));
        if (n == null) {
            return VexfsError.ENOENT;
        }
        if (!(n instanceof DirNode dn)) {
            return VexfsError.ENOTDIR;
        }
        if (!dn.children.isEmpty()) {
            return VexfsError.ENOTEMPTY;
        }
        d.children.remove(last(path));
        return null;
    }

    VexfsError rename(String from, String to) {
        DirNode fd = parentOf(from);
        if (fd == null) {
            return parentError(from);
        }
        Node n = fd.children.get(last(from));
        if (n == null) {
            return VexfsError.ENOENT;
        }
        DirNode td = parentOf(to);
        if (td == null) {
            return parentError(to);
        }
        Node t = td.children.get(last(to));
        if (t == n) {
            return null;
        }
        if (n instanceof DirNode && (to + "/").startsWith(from + "/")) {
            return VexfsError.EINVAL;
        }
        if (t != null) {
            if (t instanceof DirNode && !(n instanceof DirNode)) {
                return VexfsError.EISDIR;
            }
            if (!(t instanceof DirNode) && n instanceof DirNode) {
                return VexfsError.ENOTDIR;
            }
            if (t instanceof DirNode tdn && !tdn.children.isEmpty()) {
                return VexfsError.ENOTEMPTY;
            }
        }
        fd.children.remove(last(from));
        td.children.put(last(to), n);
        return null;
    }

    /** Xattrs of directories and symlinks (files keep theirs in their content). */
    private final java.util.IdentityHashMap<Node, TreeMap<String, byte[]>> otherXattrs = new java.util.IdentityHashMap<>();

    private TreeMap<String, byte[]> xattrsOf(Node n) {
        return n instanceof FileNode f ? f.content().xattrs : otherXattrs.computeIfAbsent(n, k -> new TreeMap<>());
    }

    VexfsError setXattr(String path, String name, byte[] value) {
        Node n = get(path);
        if (n == null) {
            return missing(path);
        }
        TreeMap<String, byte[]> x = xattrsOf(n);
        byte[] old = x.put(name, value);
        int size = 0;
        for (Map.Entry<String, byte[]> e : x.entrySet()) {
            size += 4 + e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + e.getValue().length;
        }
        if (size > io.vexfs.core.format.FormatStructs.XATTR_BLOCK_ENTRIES_MAX) {
            if (old == null) {
                x.remove(name);
            } else {
                x.put(name, old);
            }
            return VexfsError.ENOSPC;
        }
        return null;
    }

    VexfsError removeXattr(String path, String name) {
        Node n = get(path);
        if (n == null) {
            return missing(path);
        }
        return xattrsOf(n).remove(name) == null ? VexfsError.ENODATA : null;
    }

    /** A canonical listing of the tree: path -> description. */
    Map<String, String> listing() {
        Map<String, String> out = new TreeMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(DirNode d, String prefix, Map<String, String> out) {
        for (Map.Entry<String, Node> e : d.children.entrySet()) {
            String p = prefix + "/" + e.getKey();
            switch (e.getValue()) {
                case DirNode dn -> {
                    out.put(p, "dir");
                    walk(dn, p, out);
                }
                case FileNode f -> out.put(p, describe(f.content().data, f.content().xattrs));
                case LinkNode l -> out.put(p, "link:" + l.target());
            }
        }
    }

    static String describe(byte[] data, Map<String, byte[]> xattrs) {
        StringBuilder sb = new StringBuilder("file:").append(data.length).append(':').append(Arrays.hashCode(data));
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            sb.append(':').append(x.getKey()).append('=').append(Arrays.hashCode(x.getValue()));
        }
        return sb.toString();
    }
}
