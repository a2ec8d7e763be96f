package io.vexfs.core.crash;

import io.vexfs.api.VexfsException;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileType;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.inode.Inode;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The observable contents of a volume: every path with its type, identity (inode number, or the
 * model's node id), file bytes and xattrs. Times, permissions and allocation are left out.
 */
record TreeImage(SortedMap<String, Entry> entries) {

    /**
     * One path. {@code content} is null for directories; {@code physical} (captured from an engine
     * only, else null) maps each 4 KiB block of the content to its device block.
     */
    record Entry(FileType type, long identity, byte[] content, SortedMap<String, String> xattrs, long[] physical) {
        long size() {
            return content == null ? 0 : content.length;
        }

        boolean sameShape(Entry o) {
            return type == o.type && size() == o.size() && xattrs.equals(o.xattrs);
        }

        @Override
        public String toString() {
            return type + (content == null ? "" : " " + content.length + "B") + (xattrs.isEmpty() ? "" : " " + xattrs.keySet());
        }
    }

    /** Walks a live volume from the root, reading everything. */
    static TreeImage capture(Volume v) throws VexfsException {
        SortedMap<String, Entry> out = new TreeMap<>();
        Deque<String> dirs = new ArrayDeque<>();
        out.put("/", new Entry(FileType.DIRECTORY, v.stat("/", false).inode(), null, xattrs(v, "/"), null));
        dirs.add("/");
        while (!dirs.isEmpty()) {
            String d = dirs.poll();
            DirCursor after = null;
            while (true) {
                List<DirEntry> page = v.readdir(d, after, 64);
                if (page.isEmpty()) {
                    break;
                }
                for (DirEntry e : page) {
                    String p = (d.equals("/") ? "/" : d + "/") + e.name();
                    byte[] content = null;
                    if (e.type() == FileType.DIRECTORY) {
                        dirs.add(p);
                    } else if (e.type() == FileType.REGULAR) {
                        content = readAll(v, p);
                    } else {
                        content = v.readlink(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                    out.put(p, new Entry(e.type(), e.inode(), content, xattrs(v, p), physical(v, e, content)));
                    after = e.cursor();
                }
            }
        }
        return new TreeImage(out);
    }

    private static long[] physical(Volume v, DirEntry e, byte[] content) throws VexfsException {
        if (!(v instanceof VolumeEngine engine) || e.type() != FileType.REGULAR) {
            return null;
        }
        Inode in = engine.inspectInode(e.inode());
        long[] out = new long[(content.length + 4095) / 4096];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.extents.physical(i);
        }
        return out;
    }

    static byte[] readAll(Volume v, String path) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            long size = h.size();
            if (size > 64L << 20) {
                throw new IllegalStateException(path + ": implausible size " + size);
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (h.read(b, b.position()) <= 0) {
                    break;
                }
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    private static SortedMap<String, String> xattrs(Volume v, String path) throws VexfsException {
        SortedMap<String, String> m = new TreeMap<>();
        for (String n : v.listXattrs(path, false)) {
            m.put(n, HexFormat.of().formatHex(v.getXattr(path, false, n).orElseThrow()));
        }
        if (v.stat(path, false).isRegularFile()
                && v.vectorSpaces().stream().anyMatch(s -> s.name().equals(WorkloadOp.SPACE))) {
            v.getVector(path, WorkloadOp.SPACE).ifPresent(f -> m.put(WorkloadOp.VECTOR_XATTR,
                    HexFormat.of().formatHex(WorkloadOp.vectorBytes(f))));
        }
        return m;
    }

    /**
     * Null if {@code this} (a recovered volume) has the same shape as {@code model}: the same paths,
     * types, sizes and xattrs, and paths that share an inode exactly where the model's share a node;
     * otherwise the first difference.
     */
    String shapeDifference(TreeImage model) {
        if (!entries.keySet().equals(model.entries.keySet())) {
            TreeMap<String, Entry> extra = new TreeMap<>(entries);
            extra.keySet().removeAll(model.entries.keySet());
            TreeMap<String, Entry> missing = new TreeMap<>(model.entries);
            missing.keySet().removeAll(entries.keySet());
            return "paths differ: unexpected " + extra + ", missing " + missing;
        }
        Map<Long, Long> inodeToNode = new java.util.HashMap<>();
        Map<Long, Long> nodeToInode = new java.util.HashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry mine = e.getValue();
            Entry theirs = model.entries.get(e.getKey());
            if (!mine.sameShape(theirs)) {
                return e.getKey() + ": is " + mine + ", expected " + theirs;
            }
            Long n = inodeToNode.putIfAbsent(mine.identity(), theirs.identity());
            Long i = nodeToInode.putIfAbsent(theirs.identity(), mine.identity());
            if ((n != null && n != theirs.identity()) || (i != null && i != mine.identity())) {
                return e.getKey() + ": hard-link structure differs from the model";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
