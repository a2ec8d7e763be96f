package io.vexfs.core.dir;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.alloc.BitmapAllocator;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.format.Le;
import io.vexfs.core.inode.Inode;

import java.util.ArrayList;
import java.util.List;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;
import static io.vexfs.core.format.FormatStructs.DIRENT_HEADER;
import static io.vexfs.core.format.FormatStructs.DIR_HEADER;
import static io.vexfs.core.format.FormatStructs.DIR_HEADER_MAGIC;
import static io.vexfs.core.format.FormatStructs.DIR_INDEX;
import static io.vexfs.core.format.FormatStructs.DIR_INDEX_ENTRIES;
import static io.vexfs.core.format.FormatStructs.DIR_INDEX_MAGIC;
import static io.vexfs.core.format.FormatStructs.DIR_LEAF;
import static io.vexfs.core.format.FormatStructs.DIR_LEAF_ENTRIES_BYTES;
import static io.vexfs.core.format.FormatStructs.DIR_LEAF_MAGIC;
import static io.vexfs.core.format.FormatStructs.NAME_MAX;

/**
 * A directory: a B+tree of entries keyed by {@code (name hash, name)} over the directory's own
 * logical blocks (docs/FORMAT.md "Directories"). Lookup descends the index; listing walks the leaf
 * chain from a stable cursor. Used under the volume lock (writes under the write lock).
 */
public final class Directory {
    /** Deepest index this implementation reads (254^8 leaves is far beyond any volume). */
    static final int MAX_DEPTH = 8;
    private static final int INDEX_ENTRY = 16;

    private final BlockStore store;
    private final BitmapAllocator blocks;
    private final Inode dir;
    private final long hashSeed;

    public Directory(BlockStore store, BitmapAllocator blocks, Inode dir, long hashSeed) {
        this.store = store;
        this.blocks = blocks;
        this.dir = dir;
        this.hashSeed = hashSeed;
    }

    public long hash(byte[] name) {
        return NameHash.of(name, hashSeed);
    }

    private String where() {
        return "directory inode " + dir.ino;
    }

    // ---------------------------------------------------------------- blocks

    private long physical(long lblk) throws VexfsException {
        long p = dir.extents.physical(lblk);
        if (p == 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": node " + lblk + " is not mapped");
        }
        return p;
    }

    private byte[] read(long lblk) throws VexfsException {
        return store.readMeta(physical(lblk), "directory node");
    }

    private byte[] modify(long lblk) throws VexfsException {
        return store.modifyMeta(physical(lblk), "directory node");
    }

    /** Appends a new logical block to the directory and returns its number (contents zeroed). */
    private long appendNode(byte[][] out) throws VexfsException {
        long lblk = nodeCount();
        long goal = lblk > 0 ? dir.extents.physical(lblk - 1) + 1 : 0;
        long phys = blocks.allocate(goal, 1)[0];
        dir.extents.insert(lblk, phys, 1);
        dir.extents.reserveTree(blocks, store);
        out[0] = store.newMeta(phys);
        byte[] h = modify(0);
        Le.put64(h, DIR_HEADER.off("node_count"), lblk + 1);
        dir.size = (lblk + 1) * BLOCK_SIZE;
        return lblk;
    }

    // ---------------------------------------------------------------- header

    /** Formats a new, empty directory (its inode has no blocks yet). */
    public static void format(BlockStore store, BitmapAllocator blocks, Inode dir, long parent) throws VexfsException {
        long[] got = blocks.allocate(0, 2);
        long h = got[0];
        dir.extents.insert(0, h, 1);
        long leafPhys = got[1] == 2 ? h + 1 : blocks.allocate(h + 1, 1)[0];
        dir.extents.insert(1, leafPhys, 1);
        dir.extents.reserveTree(blocks, store);
        byte[] hb = store.newMeta(h);
        Le.put32(hb, DIR_HEADER.off("magic"), DIR_HEADER_MAGIC);
        Le.put32(hb, DIR_HEADER.off("depth"), 0);
        Le.put64(hb, DIR_HEADER.off("self"), dir.ino);
        Le.put64(hb, DIR_HEADER.off("parent"), parent);
        Le.put64(hb, DIR_HEADER.off("entry_count"), 0);
        Le.put64(hb, DIR_HEADER.off("root"), 1);
        Le.put64(hb, DIR_HEADER.off("node_count"), 2);
        byte[] lb = store.newMeta(leafPhys);
        initLeaf(lb, dir.ino, 0);
        dir.size = 2L * BLOCK_SIZE;
    }

    private static void initLeaf(byte[] b, long owner, long next) {
        java.util.Arrays.fill(b, (byte) 0);
        Le.put32(b, DIR_LEAF.off("magic"), DIR_LEAF_MAGIC);
        Le.put64(b, DIR_LEAF.off("owner"), owner);
        Le.put64(b, DIR_LEAF.off("next_leaf"), next);
    }

    private byte[] header() throws VexfsException {
        byte[] h = read(0);
        if (Le.i32(h, DIR_HEADER.off("magic")) != DIR_HEADER_MAGIC || Le.u64(h, DIR_HEADER.off("self")) != dir.ino) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": bad directory header");
        }
        long nodes = Le.u64(h, DIR_HEADER.off("node_count"));
        long depth = Le.u32(h, DIR_HEADER.off("depth"));
        long root = Le.u64(h, DIR_HEADER.off("root"));
        if (nodes < 2 || nodes > dir.extents.mappedBlocks() || depth > MAX_DEPTH || root < 1 || root >= nodes) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": header node_count " + nodes + " depth " + depth
                    + " root " + root + " inconsistent");
        }
        return h;
    }

    public long nodeCount() throws VexfsException {
        return Le.u64(header(), DIR_HEADER.off("node_count"));
    }

    public long entryCount() throws VexfsException {
        return Le.u64(header(), DIR_HEADER.off("entry_count"));
    }

    public long parent() throws VexfsException {
        return Le.u64(header(), DIR_HEADER.off("parent"));
    }

    public void setParent(long parent) throws VexfsException {
        header();
        Le.put64(modify(0), DIR_HEADER.off("parent"), parent);
    }

    // ------------------------------------------------------------- descending

    private int depth() throws VexfsException {
        return (int) Le.u32(header(), DIR_HEADER.off("depth"));
    }

    private long root() throws VexfsException {
        return Le.u64(header(), DIR_HEADER.off("root"));
    }

    private void checkIndex(byte[] b, long lblk, int level) throws VexfsException {
        int count = Le.u16(b, DIR_INDEX.off("count"));
        if (Le.i32(b, DIR_INDEX.off("magic")) != DIR_INDEX_MAGIC || Le.u64(b, DIR_INDEX.off("owner")) != dir.ino
                || Le.u16(b, DIR_INDEX.off("level")) != level || count < 1 || count > DIR_INDEX_ENTRIES) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": bad index node " + lblk + " (level " + level + ")");
        }
    }

    private void checkLeaf(byte[] b, long lblk) throws VexfsException {
        int used = Le.u16(b, DIR_LEAF.off("used"));
        int count = Le.u16(b, DIR_LEAF.off("count"));
        if (Le.i32(b, DIR_LEAF.off("magic")) != DIR_LEAF_MAGIC || Le.u64(b, DIR_LEAF.off("owner")) != dir.ino
                || used > DIR_LEAF_ENTRIES_BYTES || (long) count * (DIRENT_HEADER + 1) > used) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": bad leaf node " + lblk);
        }
    }

    /** Child slot of {@code hash} in an index node: the last entry whose min_hash <= hash. */
    private static int childSlot(byte[] b, long hash) {
        int count = Le.u16(b, DIR_INDEX.off("count"));
        int base = DIR_INDEX.off("entries");
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(Le.u64(b, base + mid * INDEX_ENTRY), hash) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private long childAt(byte[] b, int slot, long nodes) throws VexfsException {
        long child = Le.u64(b, DIR_INDEX.off("entries") + slot * INDEX_ENTRY + 8);
        if (child < 1 || child >= nodes) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": index child " + child + " out of range");
        }
        return child;
    }

    /** Path from the root to the leaf for {@code hash}: logical blocks and the slot taken at each index node. */
    private record Path(long[] nodes, int[] slots) {
        long leaf() {
            return nodes[nodes.length - 1];
        }
    }

    private Path descend(long hash) throws VexfsException {
        byte[] h = header();
        int depth = (int) Le.u32(h, DIR_HEADER.off("depth"));
        long nodes = Le.u64(h, DIR_HEADER.off("node_count"));
        long[] path = new long[depth + 1];
        int[] slots = new int[depth + 1];
        long cur = Le.u64(h, DIR_HEADER.off("root"));
        for (int level = depth; level > 0; level--) {
            path[depth - level] = cur;
            byte[] b = read(cur);
            checkIndex(b, cur, level);
            int slot = childSlot(b, hash);
            slots[depth - level] = slot;
            cur = childAt(b, slot, nodes);
        }
        path[depth] = cur;
        byte[] leaf = read(cur);
        checkLeaf(leaf, cur);
        return new Path(path, slots);
    }

    // ----------------------------------------------------------------- leaves

    private List<DirRecord> decodeLeaf(byte[] b, long lblk) throws VexfsException {
        checkLeaf(b, lblk);
        int count = Le.u16(b, DIR_LEAF.off("count"));
        int used = Le.u16(b, DIR_LEAF.off("used"));
        List<DirRecord> out = new ArrayList<>(count);
        int p = DIR_LEAF.off("entries");
        int end = p + used;
        DirRecord prev = null;
        for (int i = 0; i < count; i++) {
            if (end - p < DIRENT_HEADER) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entry " + i + " truncated");
            }
            int nl = Le.u16(b, p + 16);
            if (nl < 1 || nl > NAME_MAX || end - p - DIRENT_HEADER < nl) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entry " + i
                        + " name length " + nl);
            }
            byte[] name = java.util.Arrays.copyOfRange(b, p + DIRENT_HEADER, p + DIRENT_HEADER + nl);
            DirRecord r = new DirRecord(Le.u64(b, p), name, Le.u64(b, p + 8), Le.u8(b, p + 18));
            if (r.hash() != hash(name)) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entry " + i
                        + " has a wrong name hash");
            }
            if (prev != null && DirRecord.compareKeys(prev.hash(), prev.name(), r.hash(), r.name()) >= 0) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entries out of order");
            }
            out.add(r);
            prev = r;
            p += DIRENT_HEADER + nl;
        }
        if (p != end) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " used bytes mismatch");
        }
        return out;
    }

    private static int encodedSize(List<DirRecord> recs) {
        int s = 0;
        for (DirRecord r : recs) {
            s += r.size();
        }
        return s;
    }

    private void encodeLeaf(byte[] b, List<DirRecord> recs, long next) {
        initLeaf(b, dir.ino, next);
        int p = DIR_LEAF.off("entries");
        for (DirRecord r : recs) {
            Le.put64(b, p, r.hash());
            Le.put64(b, p + 8, r.inode());
            Le.put16(b, p + 16, r.name().length);
            Le.put8(b, p + 18, r.type());
            System.arraycopy(r.name(), 0, b, p + DIRENT_HEADER, r.name().length);
            p += r.size();
        }
        Le.put16(b, DIR_LEAF.off("count"), recs.size());
        Le.put16(b, DIR_LEAF.off("used"), p - DIR_LEAF.off("entries"));
    }

    // -------------------------------------------------------------- operations

    /** The entry called {@code name}, or null. */
    public DirRecord lookup(byte[] name) throws VexfsException {
        long hash = hash(name);
        Path path = descend(hash);
        byte[] b = read(path.leaf());
        int count = Le.u16(b, DIR_LEAF.off("count"));
        int used = Le.u16(b, DIR_LEAF.off("used"));
        int p = DIR_LEAF.off("entries");
        int end = p + used;
        for (int i = 0; i < count && end - p >= DIRENT_HEADER; i++) {
            int nl = Le.u16(b, p + 16);
            if (nl < 1 || nl > NAME_MAX || end - p - DIRENT_HEADER < nl) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + path.leaf() + " entry name length " + nl);
            }
            long eh = Le.u64(b, p);
            if (eh == hash && nl == name.length
                    && java.util.Arrays.equals(b, p + DIRENT_HEADER, p + DIRENT_HEADER + nl, name, 0, nl)) {
                return new DirRecord(eh, name.clone(), Le.u64(b, p + 8), Le.u8(b, p + 18));
            }
            if (Long.compareUnsigned(eh, hash) > 0) {
                break;
            }
            p += DIRENT_HEADER + nl;
        }
        return null;
    }

    /**
     * Byte offset in leaf {@code b} of the first entry whose key is not below {@code (hash, name)}
     * (the end of the used area if none), found without decoding the leaf.
     */
    private int seekInLeaf(byte[] b, long lblk, long hash, byte[] name, boolean[] exact) throws VexfsException {
        checkLeaf(b, lblk);
        int count = Le.u16(b, DIR_LEAF.off("count"));
        int p = DIR_LEAF.off("entries");
        int end = p + Le.u16(b, DIR_LEAF.off("used"));
        for (int i = 0; i < count; i++) {
            if (end - p < DIRENT_HEADER) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entry " + i + " truncated");
            }
            int nl = Le.u16(b, p + 16);
            if (nl < 1 || nl > NAME_MAX || end - p - DIRENT_HEADER < nl) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + lblk + " entry name length " + nl);
            }
            long eh = Le.u64(b, p);
            int c = Long.compareUnsigned(eh, hash);
            if (c == 0) {
                c = java.util.Arrays.compareUnsigned(b, p + DIRENT_HEADER, p + DIRENT_HEADER + nl, name, 0, name.length);
            }
            if (c >= 0) {
                exact[0] = c == 0;
                return p;
            }
            p += DIRENT_HEADER + nl;
        }
        exact[0] = false;
        return p;
    }

    /** Adds an entry (the caller has checked the name is absent). */
    public void insert(byte[] name, long ino, int type) throws VexfsException {
        long hash = hash(name);
        Path path = descend(hash);
        long leaf = path.leaf();
        byte[] lb = read(leaf);
        int used = Le.u16(lb, DIR_LEAF.off("used"));
        int size = DIRENT_HEADER + name.length;
        if (used + size <= DIR_LEAF_ENTRIES_BYTES) {
            boolean[] exact = new boolean[1];
            int at = seekInLeaf(lb, leaf, hash, name, exact);
            byte[] w = modify(leaf);
            int end = DIR_LEAF.off("entries") + used;
            System.arraycopy(w, at, w, at + size, end - at);
            Le.put64(w, at, hash);
            Le.put64(w, at + 8, ino);
            Le.put16(w, at + 16, name.length);
            Le.put8(w, at + 18, type);
            Le.put8(w, at + 19, 0);
            System.arraycopy(name, 0, w, at + DIRENT_HEADER, name.length);
            Le.put16(w, DIR_LEAF.off("count"), Le.u16(w, DIR_LEAF.off("count")) + 1);
            Le.put16(w, DIR_LEAF.off("used"), used + size);
        } else {
            DirRecord rec = new DirRecord(hash, name.clone(), ino, type);
            List<DirRecord> recs = decodeLeaf(lb, leaf);
            int pos = 0;
            while (pos < recs.size()
                    && DirRecord.compareKeys(recs.get(pos).hash(), recs.get(pos).name(), hash, name) < 0) {
                pos++;
            }
            recs.add(pos, rec);
            splitLeaf(path, recs, Le.u64(lb, DIR_LEAF.off("next_leaf")));
        }
        byte[] h = modify(0);
        Le.put64(h, DIR_HEADER.off("entry_count"), Le.u64(h, DIR_HEADER.off("entry_count")) + 1);
    }

    private void splitLeaf(Path path, List<DirRecord> recs, long next) throws VexfsException {
        int total = encodedSize(recs);
        int acc = 0;
        int m = 0;
        while (m < recs.size() && acc + recs.get(m).size() <= total / 2) {
            acc += recs.get(m).size();
            m++;
        }
        m = Math.max(1, m);
        int up = m;
        while (up < recs.size() && recs.get(up).hash() == recs.get(up - 1).hash()) {
            up++;
        }
        int down = m;
        while (down > 0 && down < recs.size() && recs.get(down).hash() == recs.get(down - 1).hash()) {
            down--;
        }
        if (up < recs.size() && encodedSize(recs.subList(0, up)) <= DIR_LEAF_ENTRIES_BYTES
                && encodedSize(recs.subList(up, recs.size())) <= DIR_LEAF_ENTRIES_BYTES) {
            m = up;
        } else if (down > 0 && encodedSize(recs.subList(0, down)) <= DIR_LEAF_ENTRIES_BYTES
                && encodedSize(recs.subList(down, recs.size())) <= DIR_LEAF_ENTRIES_BYTES) {
            m = down;
        } else {
            throw new VexfsException(VexfsError.ENOSPC, where() + ": too many names share one hash value");
        }
        List<DirRecord> left = new ArrayList<>(recs.subList(0, m));
        List<DirRecord> right = new ArrayList<>(recs.subList(m, recs.size()));
        byte[][] nb = new byte[1][];
        long rightLblk = appendNode(nb);
        encodeLeaf(nb[0], right, next);
        encodeLeaf(modify(path.leaf()), left, rightLblk);
        insertSeparator(path, path.nodes().length - 2, right.getFirst().hash(), rightLblk);
    }

    /**
     * Inserts {@code (minHash, child)} into the index node at {@code level} of {@code path} (index in
     * path arrays), right after the slot the path took; splits upward; grows a new root when needed.
     */
    private void insertSeparator(Path path, int at, long minHash, long child) throws VexfsException {
        if (at < 0) {
            // the split node was the root: grow the tree
            long oldRoot = path.nodes()[0];
            byte[][] nb = new byte[1][];
            long newRoot = appendNode(nb);
            int level = depth() + 1;
            initIndex(nb[0], level);
            putIndex(nb[0], 0, 0, oldRoot);
            putIndex(nb[0], 1, minHash, child);
            Le.put16(nb[0], DIR_INDEX.off("count"), 2);
            byte[] h = modify(0);
            Le.put32(h, DIR_HEADER.off("depth"), level);
            Le.put64(h, DIR_HEADER.off("root"), newRoot);
            return;
        }
        long node = path.nodes()[at];
        int slot = path.slots()[at];
        byte[] b = read(node);
        int level = Le.u16(b, DIR_INDEX.off("level"));
        int count = Le.u16(b, DIR_INDEX.off("count"));
        long[] hashes = new long[count + 1];
        long[] children = new long[count + 1];
        int base = DIR_INDEX.off("entries");
        for (int i = 0, j = 0; i < count; i++, j++) {
            hashes[j] = Le.u64(b, base + i * INDEX_ENTRY);
            children[j] = Le.u64(b, base + i * INDEX_ENTRY + 8);
            if (i == slot) {
                j++;
                hashes[j] = minHash;
                children[j] = child;
            }
        }
        int n = count + 1;
        if (n <= DIR_INDEX_ENTRIES) {
            byte[] w = modify(node);
            writeIndex(w, level, hashes, children, 0, n);
            return;
        }
        int half = n / 2;
        byte[][] nb = new byte[1][];
        long right = appendNode(nb);
        writeIndex(nb[0], level, hashes, children, half, n);
        writeIndex(modify(node), level, hashes, children, 0, half);
        insertSeparator(path, at - 1, hashes[half], right);
    }

    private void initIndex(byte[] b, int level) {
        java.util.Arrays.fill(b, (byte) 0);
        Le.put32(b, DIR_INDEX.off("magic"), DIR_INDEX_MAGIC);
        Le.put16(b, DIR_INDEX.off("level"), level);
        Le.put64(b, DIR_INDEX.off("owner"), dir.ino);
    }

    private static void putIndex(byte[] b, int i, long minHash, long child) {
        int o = DIR_INDEX.off("entries") + i * INDEX_ENTRY;
        Le.put64(b, o, minHash);
        Le.put64(b, o + 8, child);
    }

    private void writeIndex(byte[] b, int level, long[] hashes, long[] children, int from, int to) {
        initIndex(b, level);
        for (int i = from; i < to; i++) {
            putIndex(b, i - from, hashes[i], children[i]);
        }
        Le.put16(b, DIR_INDEX.off("count"), to - from);
    }

    /** Removes the entry called {@code name}; returns it, or null if absent. Leaves are not merged. */
    public DirRecord remove(byte[] name) throws VexfsException {
        long hash = hash(name);
        Path path = descend(hash);
        long leaf = path.leaf();
        byte[] lb = read(leaf);
        boolean[] exact = new boolean[1];
        int at = seekInLeaf(lb, leaf, hash, name, exact);
        if (!exact[0]) {
            return null;
        }
        DirRecord r = new DirRecord(hash, name.clone(), Le.u64(lb, at + 8), Le.u8(lb, at + 18));
        int used = Le.u16(lb, DIR_LEAF.off("used"));
        int size = DIRENT_HEADER + name.length;
        byte[] w = modify(leaf);
        int end = DIR_LEAF.off("entries") + used;
        System.arraycopy(w, at + size, w, at, end - at - size);
        java.util.Arrays.fill(w, end - size, end, (byte) 0);
        Le.put16(w, DIR_LEAF.off("count"), Le.u16(w, DIR_LEAF.off("count")) - 1);
        Le.put16(w, DIR_LEAF.off("used"), used - size);
        byte[] h = modify(0);
        Le.put64(h, DIR_HEADER.off("entry_count"), Le.u64(h, DIR_HEADER.off("entry_count")) - 1);
        return r;
    }

    /** Re-points an existing entry to another inode (rename over an existing name). */
    public void replace(byte[] name, long ino, int type) throws VexfsException {
        long hash = hash(name);
        Path path = descend(hash);
        long leaf = path.leaf();
        byte[] lb = read(leaf);
        List<DirRecord> recs = decodeLeaf(lb, leaf);
        for (int i = 0; i < recs.size(); i++) {
            DirRecord r = recs.get(i);
            if (r.hash() == hash && java.util.Arrays.equals(r.name(), name)) {
                recs.set(i, new DirRecord(hash, r.name(), ino, type));
                encodeLeaf(modify(leaf), recs, Le.u64(lb, DIR_LEAF.off("next_leaf")));
                return;
            }
        }
        throw new VexfsException(VexfsError.ENOENT, where() + ": no entry to replace");
    }

    /**
     * Up to {@code max} entries strictly after the key {@code (afterHash, afterName)} (afterName null:
     * from the start), in key order.
     */
    public List<DirRecord> list(long afterHash, byte[] afterName, int max) throws VexfsException {
        List<DirRecord> out = new ArrayList<>();
        long nodes = nodeCount();
        long leaf = descend(afterName == null ? 0 : afterHash).leaf();
        long steps = 0;
        while (out.size() < max) {
            if (++steps > nodes) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf chain loops");
            }
            byte[] b = read(leaf);
            for (DirRecord r : decodeLeaf(b, leaf)) {
                if (afterName == null || DirRecord.compareKeys(r.hash(), r.name(), afterHash, afterName) > 0) {
                    out.add(r);
                    if (out.size() >= max) {
                        break;
                    }
                }
            }
            long next = Le.u64(b, DIR_LEAF.off("next_leaf"));
            if (next == 0) {
                break;
            }
            if (next < 1 || next >= nodes) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + leaf + " next_leaf " + next
                        + " out of range");
            }
            leaf = next;
        }
        return out;
    }

    /** Every entry, walking the tree structurally (for fsck): validates index keys against leaf contents. */
    public List<DirRecord> verifyAll() throws VexfsException {
        byte[] h = header();
        long nodes = Le.u64(h, DIR_HEADER.off("node_count"));
        int depth = (int) Le.u32(h, DIR_HEADER.off("depth"));
        List<DirRecord> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Long> leaves = new ArrayList<>();
        walk(Le.u64(h, DIR_HEADER.off("root")), depth, 0, -1, nodes, seen, out, leaves);
        for (int i = 0; i < leaves.size(); i++) {
            long next = Le.u64(read(leaves.get(i)), DIR_LEAF.off("next_leaf"));
            long expect = i + 1 < leaves.size() ? leaves.get(i + 1) : 0;
            if (next != expect) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + leaves.get(i) + " next_leaf " + next
                        + " but the index orders leaf " + expect + " next");
            }
        }
        if (out.size() != Le.u64(h, DIR_HEADER.off("entry_count"))) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": header counts "
                    + Le.u64(h, DIR_HEADER.off("entry_count")) + " entries, tree holds " + out.size());
        }
        return out;
    }

    private void walk(long node, int level, long lo, long hiExclusive, long nodes, java.util.Set<Long> seen,
                      List<DirRecord> out, List<Long> leaves) throws VexfsException {
        if (node < 1 || node >= nodes || !seen.add(node)) {
            throw new VexfsException(VexfsError.EUCLEAN, where() + ": node " + node + " out of range or reached twice");
        }
        byte[] b = read(node);
        if (level == 0) {
            leaves.add(node);
            for (DirRecord r : decodeLeaf(b, node)) {
                if (Long.compareUnsigned(r.hash(), lo) < 0
                        || (hiExclusive != -1 && Long.compareUnsigned(r.hash(), hiExclusive) >= 0)) {
                    throw new VexfsException(VexfsError.EUCLEAN, where() + ": leaf " + node + " holds a hash outside"
                            + " its index range");
                }
                out.add(r);
            }
            return;
        }
        checkIndex(b, node, level);
        int count = Le.u16(b, DIR_INDEX.off("count"));
        int base = DIR_INDEX.off("entries");
        for (int i = 0; i < count; i++) {
            long min = i == 0 ? lo : Le.u64(b, base + i * INDEX_ENTRY);
            long max = i + 1 < count ? Le.u64(b, base + (i + 1) * INDEX_ENTRY) : hiExclusive;
            if (i > 0 && Long.compareUnsigned(min, Le.u64(b, base + (i - 1) * INDEX_ENTRY)) <= 0 && i > 1) {
                throw new VexfsException(VexfsError.EUCLEAN, where() + ": index node " + node + " keys out of order");
            }
            walk(childAt(b, i, nodes), level - 1, min, max, nodes, seen, out, leaves);
        }
    }
}
