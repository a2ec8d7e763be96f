package io.vexfs.core.fsck;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileType;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.device.FileBlockDevice;
import io.vexfs.core.dir.DirRecord;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.file.ExtentMap;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Region;
import io.vexfs.core.format.Superblock;
import io.vexfs.core.inode.Inode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Offline consistency check: every invariant of docs/FORMAT.md — checksums, superblock and regions,
 * directory trees and their index, inodes, extents (overlap, bounds, past EOF), xattrs, symlinks,
 * link counts, and both bitmaps against what is reachable from the root. {@code repair} fixes
 * bitmaps, link counts and orphaned inodes through the journal.
 */
public final class Fsck {
    private final VolumeEngine vol;
    private final Superblock sb;
    private final List<FsckProblem> problems = new ArrayList<>();
    private final LongBitSet usedBlocks;
    private final LongBitSet reachedInodes;
    private final Map<Long, Long> refs = new HashMap<>();
    private final Map<Long, Long> subdirs = new HashMap<>();
    private final Map<Long, Inode> loaded = new HashMap<>();
    /** Per vector space, the inodes reached that carry a readable vector in it. */
    private final Map<String, List<Long>> vectorFiles = new HashMap<>();
    private long dirs;
    private LongConsumer progress = b -> { };

    private Fsck(VolumeEngine vol) {
        this.vol = vol;
        this.sb = vol.superblock();
        this.usedBlocks = new LongBitSet(sb.totalBlocks);
        this.reachedInodes = new LongBitSet(sb.totalInodes + 1);
    }

    /** Checks (and with {@code repair}, fixes) the volume in an image file. */
    public static FsckReport check(Path image, boolean repair) {
        return check(image, repair, b -> { });
    }

    /** As {@link #check(Path, boolean)}, reporting the number of inodes checked so far to {@code progress}. */
    public static FsckReport check(Path image, boolean repair, LongConsumer progress) {
        BlockDevice dev;
        try {
            dev = FileBlockDevice.open(image, !repair);
        } catch (VexfsException e) {
            return failed(e, "image " + image);
        }
        try {
            return check(image, dev, repair, progress);
        } finally {
            try {
                dev.close();
            } catch (VexfsException e) {
                // reported by the check itself when it matters
            }
        }
    }

    /** Checks a volume on any device. Never throws: an unopenable volume is a report with one problem. */
    public static FsckReport check(Path name, BlockDevice dev, boolean repair, LongConsumer progress) {
        VolumeEngine vol;
        try {
            vol = VolumeEngine.open(name, dev, VolumeOptions.defaults().withReadOnly(!repair));
        } catch (VexfsException e) {
            return failed(e, "volume");
        } catch (RuntimeException e) {
            return new FsckReport(List.of(new FsckProblem("volume", "cannot open: " + e, false)), 0, 0, 0);
        }
        Fsck f = new Fsck(vol);
        f.progress = progress;
        try {
            f.run();
            if (repair && !f.problems.isEmpty()) {
                f.repair();
            }
        } catch (VexfsException e) {
            f.problems.add(new FsckProblem("volume", e.getMessage(), false));
        } catch (RuntimeException e) {
            f.problems.add(new FsckProblem("volume", "internal check failure: " + e, false));
        } finally {
            try {
                vol.close();
            } catch (VexfsException e) {
                f.problems.add(new FsckProblem("volume", "close failed: " + e.getMessage(), false));
            }
        }
        return new FsckReport(f.problems, f.reachedCount, f.dirs, f.blocksInUse);
    }

    private static FsckReport failed(VexfsException e, String where) {
        return new FsckReport(List.of(new FsckProblem(where, e.getMessage(), false)), 0, 0, 0);
    }

    private long reachedCount;
    private long blocksInUse;

    private void problem(String where, String what) {
        problems.add(new FsckProblem(where, what, false));
    }

    private void useBlock(long b, String owner) {
        if (b < 0 || b >= sb.totalBlocks) {
            problem(owner, "block " + b + " outside the volume");
            return;
        }
        if (usedBlocks.getAndSet(b)) {
            problem(owner, "block " + b + " is used twice");
        } else {
            blocksInUse++;
        }
    }

    private void checkSuperblockCopies() {
        long[] where = {0, sb.totalBlocks - 1};
        for (long b : where) {
            try {
                Superblock copy = Superblock.decode(vol.store().device().readBlock(b), b, vol.store().device().blockCount());
                if (copy.totalBlocks != sb.totalBlocks || copy.totalInodes != sb.totalInodes
                        || !java.util.Arrays.equals(copy.uuid, sb.uuid)) {
                    problem("superblock copy at block " + b, "disagrees with the superblock in use");
                }
            } catch (VexfsException e) {
                problem("superblock copy at block " + b, e.getMessage());
            }
        }
    }

    private void run() throws VexfsException {
        checkSuperblockCopies();
        Region jr = sb.region(FormatStructs.REGION_JOURNAL);
        String journalHeader = io.vexfs.core.journal.Journal.headerProblem(
                vol.store().device().readBlock(jr.start()), new io.vexfs.core.format.Checksums(sb.uuid), jr);
        if (journalHeader != null) {
            problem("journal header at block " + jr.start(), journalHeader + " (rebuilt from the log at the next "
                    + "writable open)");
        }
        useBlock(0, "superblock");
        useBlock(sb.totalBlocks - 1, "backup superblock");
        for (Region r : sb.regions) {
            if (r != null && r.type() != FormatStructs.REGION_DATA) {
                for (long b = r.start(); b < r.end(); b++) {
                    useBlock(b, "region " + r.type());
                }
            }
        }
        Deque<long[]> queue = new ArrayDeque<>(); // {dir inode, parent inode}
        Map<Long, String> paths = new HashMap<>();
        paths.put((long) FormatStructs.ROOT_INODE, "/");
        Inode root = inode(FormatStructs.ROOT_INODE, "/");
        if (root == null) {
            return;
        }
        try {
            for (io.vexfs.api.VectorSpec spec : vol.vectorSpaces()) {
                vectorFiles.put(spec.name(), new ArrayList<>());
            }
        } catch (VexfsException e) {
            problem("/ (vector spaces)", e.getMessage());
        }
        reach(root, "/");
        try {
            for (long g : vol.inspectGraphInodes()) {
                String where = "vector graph inode " + g;
                refs.merge(g, 1L, Long::sum);
                Inode gi = inode(g, where);
                if (gi != null && !reachedInodes.get(g)) {
                    if (gi.type() != FileType.REGULAR) {
                        problem(where, "is not a regular file");
                    }
                    reach(gi, where);
                }
            }
        } catch (VexfsException e) {
            problem("/ (vector graph references)", e.getMessage());
        }
        queue.add(new long[] {FormatStructs.ROOT_INODE, FormatStructs.ROOT_INODE});
        while (!queue.isEmpty()) {
            long[] q = queue.poll();
            Inode d = loaded.get(q[0]);
            String path = paths.get(q[0]);
            dirs++;
            try {
                long parent = vol.inspectParent(d);
                if (parent != q[1]) {
                    problem(path, "directory header names parent " + parent + ", reached from " + q[1]);
                }
            } catch (VexfsException e) {
                problem(path, e.getMessage());
            }
            List<DirRecord> entries;
            try {
                entries = vol.inspectDirectory(d);
            } catch (VexfsException e) {
                problem(path, e.getMessage());
                continue;
            }
            for (DirRecord r : entries) {
                String name = new String(r.name(), StandardCharsets.UTF_8);
                String childPath = (path.equals("/") ? "/" : path + "/") + name;
                if (r.name().length == 0 || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
                    problem(childPath, "invalid name in directory inode " + d.ino);
                }
                refs.merge(r.inode(), 1L, Long::sum);
                Inode c = inode(r.inode(), childPath);
                if (c == null) {
                    continue;
                }
                FileType t = FileType.ofDirentCode(r.type());
                if (t != c.type()) {
                    problem(childPath, "entry type " + r.type() + " does not match inode type " + c.type());
                }
                if (c.isDir()) {
                    subdirs.merge(d.ino, 1L, Long::sum);
                    if (paths.containsKey(c.ino)) {
                        problem(childPath, "directory inode " + c.ino + " is linked twice (loop or hard link)");
                        continue;
                    }
                    paths.put(c.ino, childPath);
                    queue.add(new long[] {c.ino, d.ino});
                }
                if (!reachedInodes.get(c.ino)) {
                    reach(c, childPath);
                }
            }
        }
        checkLinks(paths);
        checkBitmaps();
        checkGraphs();
    }

    /**
     * Each current persisted graph (one the next open loads without a rebuild) must validate and
     * hold exactly the files that carry a vector in its space, each with that file's vector: no key
     * naming a deleted file or one without a vector, none missing.
     */
    private void checkGraphs() {
        for (Map.Entry<String, List<Long>> e : vectorFiles.entrySet()) {
            String where = "vector graph of space " + e.getKey();
            try (io.vexfs.core.vector.VectorSpaceIndex idx = vol.inspectCurrentGraph(e.getKey())) {
                if (idx == null) {
                    continue;
                }
                List<Long> files = e.getValue();
                int missing = 0;
                int differing = 0;
                long example = 0;
                for (long ino : files) {
                    if (!idx.contains(ino)) {
                        missing++;
                        example = example == 0 ? ino : example;
                    } else if (!idx.holds(ino, vol.inspectVector(loaded.get(ino), e.getKey()))) {
                        differing++;
                        example = example == 0 ? ino : example;
                    }
                }
                if (missing > 0 || differing > 0) {
                    problem(where, missing + " file(s) with a vector missing from the graph, " + differing
                            + " with a different vector (e.g. inode " + example + ")");
                }
                long extra = idx.size() - (files.size() - missing);
                if (extra > 0) {
                    problem(where, extra + " key(s) naming no live file with a vector in this space");
                }
            } catch (VexfsException x) {
                problem(where, x.getMessage() + " (rebuilt from the files' vectors at the next open)");
            }
        }
    }

    private Inode inode(long ino, String path) {
        Inode in = loaded.get(ino);
        if (in != null) {
            return in;
        }
        if (ino < 1 || ino > sb.totalInodes) {
            problem(path, "entry points to inode " + ino + " outside 1.." + sb.totalInodes);
            return null;
        }
        try {
            in = vol.inspectInode(ino);
            loaded.put(ino, in);
            return in;
        } catch (VexfsException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private void reach(Inode in, String path) {
        reachedInodes.getAndSet(in.ino);
        reachedCount++;
        if (reachedCount % 4096 == 0) {
            progress.accept(reachedCount);
        }
        String where = path + " (inode " + in.ino + ")";
        ExtentMap m = in.extents;
        long lastNeeded = (in.size + FormatStructs.BLOCK_SIZE - 1) / FormatStructs.BLOCK_SIZE;
        for (int i = 0; i < m.extentCount(); i++) {
            long p = m.physicalAt(i);
            Region data = sb.region(FormatStructs.REGION_DATA);
            if (!data.contains(p) || !data.contains(p + m.lengthAt(i) - 1)) {
                problem(where, "extent at logical " + m.logicalAt(i) + " maps outside the data region");
            }
            for (long b = 0; b < m.lengthAt(i); b++) {
                useBlock(p + b, where);
            }
            if (m.logicalAt(i) + m.lengthAt(i) > lastNeeded) {
                problem(where, "extent at logical " + m.logicalAt(i) + " extends past end of file (size " + in.size + ")");
            }
        }
        for (long b : m.treeBlocks()) {
            useBlock(b, where + " extent tree");
        }
        if (in.xattrBlock != 0) {
            useBlock(in.xattrBlock, where + " xattr block");
        }
        try {
            vol.inspectXattrs(in);
            for (String v : vol.inspectVectors(in)) {
                problem(where, v);
            }
            if (in.type() == FileType.REGULAR) {
                for (Map.Entry<String, List<Long>> e : vectorFiles.entrySet()) {
                    if (vol.inspectVector(in, e.getKey()) != null) {
                        e.getValue().add(in.ino);
                    }
                }
            }
        } catch (VexfsException e) {
            problem(where, e.getMessage());
        }
        if (in.type() == FileType.SYMLINK) {
            try {
                vol.inspectSymlink(in);
            } catch (VexfsException e) {
                problem(where, e.getMessage());
            }
        }
        if (in.isDir() && in.size != m.mappedBlocks() * FormatStructs.BLOCK_SIZE) {
            problem(where, "directory size " + in.size + " does not match its " + m.mappedBlocks() + " blocks");
        }
    }

    private final List<long[]> nlinkFixes = new ArrayList<>();

    private void checkLinks(Map<Long, String> paths) {
        for (Inode in : loaded.values()) {
            long expect = in.isDir() ? 2 + subdirs.getOrDefault(in.ino, 0L) : refs.getOrDefault(in.ino, 0L);
            if (in.nlink != expect) {
                String p = paths.getOrDefault(in.ino, "inode " + in.ino);
                problem(p + " (inode " + in.ino + ")", "link count " + in.nlink + ", expected " + expect);
                nlinkFixes.add(new long[] {in.ino, expect});
            }
        }
    }

    private final List<long[]> blockBitFixes = new ArrayList<>();
    private final List<long[]> inodeBitFixes = new ArrayList<>();
    private final List<Long> orphans = new ArrayList<>();

    private void checkBitmaps() throws VexfsException {
        var ba = vol.blockAllocator();
        long free = 0;
        for (long b = 0; b < sb.totalBlocks; b++) {
            boolean set = ba.isSet(b);
            boolean used = usedBlocks.get(b);
            if (!set) {
                free++;
            }
            if (set != used) {
                problem("block bitmap", "block " + b + (used ? " is in use but marked free" : " is marked used but "
                        + "nothing references it"));
                blockBitFixes.add(new long[] {b, used ? 1 : 0});
            }
        }
        var ia = vol.inodeAllocator();
        for (long ino = 1; ino <= sb.totalInodes; ino++) {
            boolean set = ia.isSet(ino - 1);
            boolean reached = reachedInodes.get(ino);
            boolean inUse = vol.inodeTable().slotInUse(ino);
            if (reached && !set) {
                problem("inode bitmap", "inode " + ino + " is in use but marked free");
                inodeBitFixes.add(new long[] {ino, 1});
            } else if (!reached && set) {
                problem("inode " + ino, inUse ? "allocated but unreachable from the root (orphan)"
                        : "marked used in the bitmap but its slot is free");
                if (inUse) {
                    orphans.add(ino);
                } else {
                    inodeBitFixes.add(new long[] {ino, 0});
                }
            } else if (!reached && inUse) {
                problem("inode " + ino, "slot holds an inode but the bitmap marks it free");
            }
        }
        if (sb.isClean() && sb.freeBlocks != free) {
            problem("superblock", "free_blocks " + sb.freeBlocks + " but the bitmap has " + free + " free");
        }
    }

    private void repair() throws VexfsException {
        List<FsckProblem> fixed = new ArrayList<>();
        vol.repair(blockBitFixes, inodeBitFixes, nlinkFixes, orphans);
        for (FsckProblem p : problems) {
            boolean repairable = p.where().equals("block bitmap") || p.where().equals("inode bitmap")
                    || p.what().startsWith("link count") || p.what().contains("orphan")
                    || p.what().startsWith("marked used in the bitmap") || p.where().equals("superblock");
            fixed.add(new FsckProblem(p.where(), p.what(), repairable));
        }
        problems.clear();
        problems.addAll(fixed);
    }
}
