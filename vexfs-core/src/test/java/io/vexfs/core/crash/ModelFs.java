package io.vexfs.core.crash;

import io.vexfs.core.FileType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The expected tree: what a correct volume holds after a sequence of operations. Not thread-safe. */
final class ModelFs {
    private static final class Node {
        final long id;
        final boolean dir;
        byte[] data = new byte[0];
        final TreeMap<String, byte[]> xattrs = new TreeMap<>();

        Node(long id, boolean dir) {
            this.id = id;
            this.dir = dir;
        }
    }

    private final TreeMap<String, Node> paths = new TreeMap<>();
    private long nextId = 1;

    ModelFs() {
        paths.put("/", new Node(nextId++, true));
    }

    ModelFs copy() {
        ModelFs c = new ModelFs();
        c.paths.clear();
        c.nextId = nextId;
        Map<Node, Node> cloned = new HashMap<>();
        paths.forEach((p, n) -> c.paths.put(p, cloned.computeIfAbsent(n, o -> {
            Node x = new Node(o.id, o.dir);
            x.data = o.data.clone();
            o.xattrs.forEach((k, v) -> x.xattrs.put(k, v.clone()));
            return x;
        })));
        return c;
    }

    static String parentOf(String p) {
        int i = p.lastIndexOf('/');
        return i == 0 ? "/" : p.substring(0, i);
    }

    boolean exists(String p) {
        return paths.containsKey(p);
    }

    boolean isDir(String p) {
        Node n = paths.get(p);
        return n != null && n.dir;
    }

    boolean isFile(String p) {
        Node n = paths.get(p);
        return n != null && !n.dir;
    }

    /** True if {@code p} is absent and its parent is an existing directory. */
    boolean canCreate(String p) {
        return !exists(p) && isDir(parentOf(p));
    }

    boolean isEmptyDir(String p) {
        return isDir(p) && paths.subMap(p + "/", p + "/\uffff").isEmpty();
    }

    List<String> files() {
        List<String> out = new ArrayList<>();
        paths.forEach((p, n) -> {
            if (!n.dir) {
                out.add(p);
            }
        });
        return out;
    }

    List<String> allPaths() {
        return new ArrayList<>(paths.keySet());
    }

    long size(String p) {
        return paths.get(p).data.length;
    }

    void create(String p) {
        paths.put(p, new Node(nextId++, false));
    }

    void mkdir(String p) {
        paths.put(p, new Node(nextId++, true));
    }

    void write(String p, long off, byte[] bytes) {
        Node n = paths.get(p);
        int end = (int) off + bytes.length;
        if (end > n.data.length) {
            n.data = Arrays.copyOf(n.data, end);
        }
        System.arraycopy(bytes, 0, n.data, (int) off, bytes.length);
    }

    void truncate(String p, long size) {
        Node n = paths.get(p);
        n.data = Arrays.copyOf(n.data, (int) size);
    }

    void link(String existing, String p) {
        paths.put(p, paths.get(existing));
    }

    void unlink(String p) {
        paths.remove(p);
    }

    void rmdir(String p) {
        paths.remove(p);
    }

    /** Moves {@code from} (and everything under it) to {@code to}, replacing a file or empty directory there. */
    void rename(String from, String to) {
        if (paths.get(from) == paths.get(to)) {
            return;
        }
        paths.remove(to);
        TreeMap<String, Node> moved = new TreeMap<>();
        moved.put(to, paths.remove(from));
        for (String p : new ArrayList<>(paths.subMap(from + "/", from + "/\uffff").keySet())) {
            moved.put(to + p.substring(from.length()), paths.remove(p));
        }
        paths.putAll(moved);
    }

    void setXattr(String p, String name, byte[] value) {
        paths.get(p).xattrs.put(name, value.clone());
    }

    TreeImage image() {
        TreeMap<String, TreeImage.Entry> out = new TreeMap<>();
        paths.forEach((p, n) -> {
            TreeMap<String, String> x = new TreeMap<>();
            n.xattrs.forEach((k, v) -> x.put(k, HexFormat.of().formatHex(v)));
            out.put(p, new TreeImage.Entry(n.dir ? FileType.DIRECTORY : FileType.REGULAR, n.id,
                    n.dir ? null : n.data.clone(), x, null));
        });
        return new TreeImage(out);
    }
}
