package io.vexfs.core.file;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.alloc.BitmapAllocator;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.format.Le;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;
import static io.vexfs.core.format.FormatStructs.EXTENT_MAGIC;
import static io.vexfs.core.format.FormatStructs.EXTENT_MAX_DEPTH;
import static io.vexfs.core.format.FormatStructs.EXTENT_NODE;
import static io.vexfs.core.format.FormatStructs.EXTENT_NODE_ENTRIES;
import static io.vexfs.core.format.FormatStructs.ROOT_EXTENTS;

/**
 * A file's logical-to-physical block mapping: a sorted list of extents in memory, stored as the
 * extent tree of docs/FORMAT.md (root in the inode, nodes packed densely into tree blocks).
 */
public final class ExtentMap {
    private static final int ENTRY = 24;

    private final long ino;
    private long[] logical = new long[4];
    private long[] physical = new long[4];
    private int[] length = new int[4];
    private int count;
    private long mapped;
    private final List<Long> treeBlocks = new ArrayList<>();
    private int rootDepth;
    private boolean changed;

    /** True if the mapping changed since the tree was last written. */
    public boolean changed() {
        return changed;
    }

    private ExtentMap(long ino) {
        this.ino = ino;
    }

    public static ExtentMap empty(long ino) {
        return new ExtentMap(ino);
    }

    public int extentCount() {
        return count;
    }

    public long logicalAt(int i) {
        return logical[i];
    }

    public long physicalAt(int i) {
        return physical[i];
    }

    public int lengthAt(int i) {
        return length[i];
    }

    public long mappedBlocks() {
        return mapped;
    }

    public int treeBlockCount() {
        return treeBlocks.size();
    }

    public List<Long> treeBlocks() {
        return List.copyOf(treeBlocks);
    }

    public int rootDepth() {
        return rootDepth;
    }

    /** Index of the extent containing {@code lblk}, or -(insertion point) - 1. */
    private int find(long lblk) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (logical[mid] > lblk) {
                hi = mid - 1;
            } else if (logical[mid] + length[mid] <= lblk) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** Physical block of {@code lblk}, or 0 if it is a hole. */
    public long physical(long lblk) {
        int i = find(lblk);
        return i < 0 ? 0 : physical[i] + (lblk - logical[i]);
    }

    /**
     * Blocks from {@code lblk} that share its state: if mapped, how many follow contiguously on disk
     * in the same extent; if a hole, how many blocks until the next mapped one (Long.MAX_VALUE if none).
     */
    public long run(long lblk) {
        int i = find(lblk);
        if (i >= 0) {
            return logical[i] + length[i] - lblk;
        }
        int next = -i - 1;
        return next < count ? logical[next] - lblk : Long.MAX_VALUE;
    }

    /** Maps the hole range {@code [lblk, lblk+len)} to {@code phys..}; merges with neighbours. */
    public void insert(long lblk, long phys, int len) throws VexfsException {
        changed = true;
        int i = find(lblk);
        if (i >= 0) {
            throw new VexfsException(VexfsError.EUCLEAN, "inode " + ino + ": logical block " + lblk + " mapped twice");
        }
        int pos = -i - 1;
        if (pos < count && logical[pos] < lblk + len) {
            throw new VexfsException(VexfsError.EUCLEAN, "inode " + ino + ": extent overlap at " + lblk);
        }
        if (pos > 0 && logical[pos - 1] + length[pos - 1] == lblk && physical[pos - 1] + length[pos - 1] == phys
                && (long) length[pos - 1] + len <= Integer.MAX_VALUE) {
            length[pos - 1] += len;
            mapped += len;
            // merge forward too
            if (pos < count && logical[pos - 1] + length[pos - 1] == logical[pos]
                    && physical[pos - 1] + length[pos - 1] == physical[pos]
                    && (long) length[pos - 1] + length[pos] <= Integer.MAX_VALUE) {
                length[pos - 1] += length[pos];
                removeAt(pos);
            }
            return;
        }
        if (pos < count && lblk + len == logical[pos] && phys + len == physical[pos]
                && (long) length[pos] + len <= Integer.MAX_VALUE) {
            logical[pos] = lblk;
            physical[pos] = phys;
            length[pos] += len;
            mapped += len;
            return;
        }
        if (count == logical.length) {
            int n = count * 2;
            logical = Arrays.copyOf(logical, n);
            physical = Arrays.copyOf(physical, n);
            length = Arrays.copyOf(length, n);
        }
        System.arraycopy(logical, pos, logical, pos + 1, count - pos);
        System.arraycopy(physical, pos, physical, pos + 1, count - pos);
        System.arraycopy(length, pos, length, pos + 1, count - pos);
        logical[pos] = lblk;
        physical[pos] = phys;
        length[pos] = len;
        count++;
        mapped += len;
    }

    private void removeAt(int pos) {
        System.arraycopy(logical, pos + 1, logical, pos, count - pos - 1);
        System.arraycopy(physical, pos + 1, physical, pos, count - pos - 1);
        System.arraycopy(length, pos + 1, length, pos, count - pos - 1);
        count--;
    }

    /** Unmaps every block at or after {@code lblk}; returns the freed physical ranges {@code {start, len}}. */
    public List<long[]> truncateFrom(long lblk) {
        List<long[]> freed = new ArrayList<>();
        changed = true;
        while (count > 0) {
            int last = count - 1;
            long end = logical[last] + length[last];
            if (end <= lblk) {
                break;
            }
            if (logical[last] >= lblk) {
                freed.add(new long[] {physical[last], length[last]});
                mapped -= length[last];
                count--;
            } else {
                int keep = (int) (lblk - logical[last]);
                freed.add(new long[] {physical[last] + keep, length[last] - keep});
                mapped -= length[last] - keep;
                length[last] = keep;
            }
        }
        return freed;
    }

    // ------------------------------------------------------------------ tree

    /** Tree blocks the current extent list needs. */
    private int neededTreeBlocks() {
        if (count <= ROOT_EXTENTS) {
            return 0;
        }
        int level = (count + EXTENT_NODE_ENTRIES - 1) / EXTENT_NODE_ENTRIES;
        int total = level;
        while (level > ROOT_EXTENTS) {
            level = (level + EXTENT_NODE_ENTRIES - 1) / EXTENT_NODE_ENTRIES;
            total += level;
        }
        return total;
    }

    /**
     * Allocates or frees tree blocks so the tree fits the current extent list. Called inside the
     * operation that changed the list, so ENOSPC surfaces there and not at commit.
     */
    public void reserveTree(BitmapAllocator blocks, BlockStore store) throws VexfsException {
        int need = neededTreeBlocks();
        while (treeBlocks.size() < need) {
            long goal = treeBlocks.isEmpty() ? (count > 0 ? physical[0] : 0) : treeBlocks.getLast() + 1;
            treeBlocks.add(blocks.allocate(goal, 1)[0]);
        }
        while (treeBlocks.size() > need) {
            long b = treeBlocks.removeLast();
            blocks.free(b, 1);
            store.forget(b);
        }
    }

    /** Writes the tree nodes into the running transaction (only those whose bytes change). */
    public void writeTree(BlockStore store) throws VexfsException {
        changed = false;
        rootDepth = 0;
        if (count <= ROOT_EXTENTS) {
            return;
        }
        // level 0: leaves of extents
        int leaves = (count + EXTENT_NODE_ENTRIES - 1) / EXTENT_NODE_ENTRIES;
        long[] levelFirst = new long[leaves];
        int used = 0;
        for (int k = 0; k < leaves; k++) {
            int from = k * EXTENT_NODE_ENTRIES;
            int n = Math.min(EXTENT_NODE_ENTRIES, count - from);
            byte[] node = nodeHeader(0, n);
            for (int e = 0; e < n; e++) {
                putExtent(node, EXTENT_NODE.off("entries") + e * ENTRY, from + e);
            }
            writeIfChanged(store, treeBlocks.get(used + k), node);
            levelFirst[k] = logical[from];
        }
        long[] childBlocks = new long[leaves];
        for (int k = 0; k < leaves; k++) {
            childBlocks[k] = treeBlocks.get(used + k);
        }
        used += leaves;
        int depth = 1;
        while (childBlocks.length > ROOT_EXTENTS) {
            int nodes = (childBlocks.length + EXTENT_NODE_ENTRIES - 1) / EXTENT_NODE_ENTRIES;
            long[] nextFirst = new long[nodes];
            long[] nextBlocks = new long[nodes];
            for (int k = 0; k < nodes; k++) {
                int from = k * EXTENT_NODE_ENTRIES;
                int n = Math.min(EXTENT_NODE_ENTRIES, childBlocks.length - from);
                byte[] node = nodeHeader(depth, n);
                for (int e = 0; e < n; e++) {
                    int o = EXTENT_NODE.off("entries") + e * ENTRY;
                    Le.put64(node, o, levelFirst[from + e]);
                    Le.put64(node, o + 8, childBlocks[from + e]);
                }
                nextBlocks[k] = treeBlocks.get(used + k);
                writeIfChanged(store, nextBlocks[k], node);
                nextFirst[k] = levelFirst[from];
            }
            used += nodes;
            levelFirst = nextFirst;
            childBlocks = nextBlocks;
            depth++;
        }
        rootDepth = depth;
        rootFirst = levelFirst;
        rootChildren = childBlocks;
    }

    private long[] rootFirst;
    private long[] rootChildren;

    private byte[] nodeHeader(int depth, int n) {
        byte[] node = new byte[BLOCK_SIZE];
        Le.put32(node, EXTENT_NODE.off("magic"), EXTENT_MAGIC);
        Le.put16(node, EXTENT_NODE.off("depth"), depth);
        Le.put16(node, EXTENT_NODE.off("count"), n);
        Le.put64(node, EXTENT_NODE.off("owner"), ino);
        return node;
    }

    private void putExtent(byte[] b, int o, int i) {
        Le.put64(b, o, logical[i]);
        Le.put64(b, o + 8, physical[i]);
        Le.put32(b, o + 16, length[i]);
        Le.put32(b, o + 20, 0);
    }

    private static void writeIfChanged(BlockStore store, long blk, byte[] node) throws VexfsException {
        byte[] cur;
        try {
            cur = store.readMeta(blk, "extent node");
        } catch (VexfsException e) {
            cur = null; // fresh block with garbage: overwrite
        }
        if (cur != null && Arrays.equals(cur, 0, 4092, node, 0, 4092)) {
            return;
        }
        System.arraycopy(node, 0, store.newMeta(blk), 0, BLOCK_SIZE);
    }

    /** Encodes the root entries at {@code off} of an inode buffer; returns the entry count. */
    public int encodeRoot(byte[] b, int off) {
        if (rootDepth == 0) {
            for (int i = 0; i < count; i++) {
                putExtent(b, off + i * ENTRY, i);
            }
            return count;
        }
        for (int i = 0; i < rootChildren.length; i++) {
            Le.put64(b, off + i * ENTRY, rootFirst[i]);
            Le.put64(b, off + i * ENTRY + 8, rootChildren[i]);
        }
        return rootChildren.length;
    }

    // ------------------------------------------------------------------ load

    /** Loads and validates the extent tree rooted in an inode. */
    public static ExtentMap load(BlockStore store, long ino, int depth, int rootCount, byte[] b, int rootOff,
                                 long volumeBlocks) throws VexfsException {
        ExtentMap m = new ExtentMap(ino);
        String where = "inode " + ino + " extent tree";
        if (depth > EXTENT_MAX_DEPTH || rootCount > ROOT_EXTENTS || (depth > 0 && rootCount == 0)) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": root depth " + depth + " count " + rootCount);
        }
        Set<Long> seen = new HashSet<>();
        m.loadEntries(store, b, rootOff, rootCount, depth, where, volumeBlocks, seen, -1);
        if (depth > 0) {
            m.rootDepth = depth;
            m.rootFirst = new long[rootCount];
            m.rootChildren = new long[rootCount];
            for (int i = 0; i < rootCount; i++) {
                m.rootFirst[i] = Le.u64(b, rootOff + i * ENTRY);
                m.rootChildren[i] = Le.u64(b, rootOff + i * ENTRY + 8);
            }
            // tree blocks are reassigned densely on the next write; keep the loaded set for reuse
        }
        return m;
    }

    private void loadEntries(BlockStore store, byte[] b, int off, int n, int depth, String where, long volumeBlocks,
                             Set<Long> seen, long minLogical) throws VexfsException {
        long prevEnd = minLogical;
        for (int i = 0; i < n; i++) {
            int o = off + i * ENTRY;
            long lg = Le.u64(b, o);
            if (depth == 0) {
                long ph = Le.u64(b, o + 8);
                long len = Le.u32(b, o + 16);
                if (len < 1 || len > Integer.MAX_VALUE || lg < 0 || lg > Long.MAX_VALUE / 2 || ph < 1
                        || ph >= volumeBlocks - 1 || len > volumeBlocks - 1 - ph) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": bad extent logical " + lg + " physical "
                            + ph + " length " + len);
                }
                if (count > 0 && lg < logical[count - 1] + length[count - 1]) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": extents out of order or overlapping at "
                            + "logical " + lg);
                }
                if (mapped + len > volumeBlocks) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": maps more blocks than the volume has");
                }
                if (count == logical.length) {
                    int cap = count * 2;
                    logical = Arrays.copyOf(logical, cap);
                    physical = Arrays.copyOf(physical, cap);
                    length = Arrays.copyOf(length, cap);
                }
                logical[count] = lg;
                physical[count] = ph;
                length[count] = (int) len;
                count++;
                mapped += len;
            } else {
                long child = Le.u64(b, o + 8);
                if (child < 1 || child >= volumeBlocks - 1 || !seen.add(child)) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": index child block " + child
                            + " invalid or shared");
                }
                if (lg < prevEnd) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": index entries out of order");
                }
                prevEnd = lg;
                byte[] node = store.readMeta(child, where + " node");
                if (Le.i32(node, EXTENT_NODE.off("magic")) != EXTENT_MAGIC
                        || Le.u16(node, EXTENT_NODE.off("depth")) != depth - 1
                        || Le.u64(node, EXTENT_NODE.off("owner")) != ino) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": node at block " + child
                            + " has wrong magic, depth or owner");
                }
                int cn = Le.u16(node, EXTENT_NODE.off("count"));
                if (cn < 1 || cn > EXTENT_NODE_ENTRIES) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": node at block " + child + " count " + cn);
                }
                treeBlocks.add(child);
                int before = count;
                loadEntries(store, node, EXTENT_NODE.off("entries"), cn, depth - 1, where, volumeBlocks, seen, lg);
                if (count > before && logical[before] < lg) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": node at block " + child
                            + " maps logical " + logical[before] + " below its index key " + lg);
                }
            }
        }
    }
}
