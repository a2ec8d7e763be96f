package io.vexfs.core.inode;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileType;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.file.ExtentMap;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;
import io.vexfs.core.format.Region;

import java.util.Arrays;

import static io.vexfs.core.format.FormatStructs.INODE;
import static io.vexfs.core.format.FormatStructs.INODES_PER_BLOCK;
import static io.vexfs.core.format.FormatStructs.INODE_SIZE;

/** Encodes and decodes inodes in the inode-table region (docs/FORMAT.md "Inodes"). */
public final class InodeTable {
    /** Largest file size this implementation accepts (2^60 bytes). */
    public static final long MAX_FILE_SIZE = 1L << 60;
    private static final long NANOS = 1_000_000_000L;

    private final BlockStore store;
    private final Checksums checksums;
    private final Region table;
    private final long totalInodes;
    private final long volumeBlocks;

    public InodeTable(BlockStore store, Checksums checksums, Region table, long totalInodes, long volumeBlocks) {
        this.store = store;
        this.checksums = checksums;
        this.table = table;
        this.totalInodes = totalInodes;
        this.volumeBlocks = volumeBlocks;
    }

    public long totalInodes() {
        return totalInodes;
    }

    private long blockOf(long ino) {
        return table.start() + (ino - 1) / INODES_PER_BLOCK;
    }

    private static int offsetOf(long ino) {
        return (int) ((ino - 1) % INODES_PER_BLOCK) * INODE_SIZE;
    }

    private void checkRange(long ino) throws VexfsException {
        if (ino < 1 || ino > totalInodes) {
            throw new VexfsException(VexfsError.EUCLEAN, "inode " + ino + " out of range 1.." + totalInodes);
        }
    }

    /** True if the slot holds an inode in use (mode != 0). No validation. */
    public boolean slotInUse(long ino) throws VexfsException {
        checkRange(ino);
        byte[] b = store.readMeta(blockOf(ino), "inode table");
        return Le.u16(b, offsetOf(ino) + INODE.off("mode")) != 0;
    }

    /** The generation stored in a slot (free slots keep theirs so reuse can bump it). */
    public int slotGeneration(long ino) throws VexfsException {
        checkRange(ino);
        byte[] b = store.readMeta(blockOf(ino), "inode table");
        return Le.i32(b, offsetOf(ino) + INODE.off("generation"));
    }

    /** Decodes and validates inode {@code ino}; the extent tree is loaded too. */
    public Inode load(long ino) throws VexfsException {
        checkRange(ino);
        byte[] b = store.readMeta(blockOf(ino), "inode table");
        int o = offsetOf(ino);
        String where = "inode " + ino;
        int mode = Le.u16(b, o + INODE.off("mode"));
        if (mode == 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": referenced but free");
        }
        if (Le.i32(b, o + INODE.off("checksum")) != checksums.inode(b, o, ino)) {
            throw new VexfsException(VexfsError.EBADMSG, where + ": checksum mismatch (inode table block "
                    + blockOf(ino) + ")");
        }
        FileType type = FileType.ofMode(mode);
        if (type == null) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": unsupported mode 0" + Integer.toOctalString(mode));
        }
        Inode in = new Inode(ino);
        in.mode = mode;
        in.uid = Le.i32(b, o + INODE.off("uid"));
        in.gid = Le.i32(b, o + INODE.off("gid"));
        in.nlink = Le.u32(b, o + INODE.off("nlink"));
        in.size = Le.u64(b, o + INODE.off("size"));
        in.generation = Le.i32(b, o + INODE.off("generation"));
        in.flags = Le.i32(b, o + INODE.off("flags"));
        in.xattrBlock = Le.u64(b, o + INODE.off("xattr_block"));
        if (in.size < 0 || in.size > MAX_FILE_SIZE) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": size " + Long.toUnsignedString(in.size) + " too large");
        }
        if ((in.flags & ~FormatStructs.INODE_FLAG_INLINE_SYMLINK) != 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": unknown flags 0x" + Integer.toHexString(in.flags));
        }
        if (in.xattrBlock != 0 && (in.xattrBlock < 1 || in.xattrBlock >= volumeBlocks - 1)) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": xattr block " + in.xattrBlock + " outside the volume");
        }
        in.atime = time(b, o, "atime", where);
        in.mtime = time(b, o, "mtime", where);
        in.ctime = time(b, o, "ctime", where);
        in.crtime = time(b, o, "crtime", where);
        int inlineLen = Le.u16(b, o + INODE.off("inline_xattr_len"));
        if (inlineLen > FormatStructs.INLINE_XATTR_MAX) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": inline xattr length " + inlineLen);
        }
        int depth = Le.u16(b, o + INODE.off("extent_depth"));
        int count = Le.u16(b, o + INODE.off("extent_count"));
        int rootOff = o + INODE.off("extent_root");
        if ((in.flags & FormatStructs.INODE_FLAG_INLINE_SYMLINK) != 0) {
            if (type != FileType.SYMLINK || in.size < 1 || in.size > FormatStructs.INLINE_SYMLINK_MAX
                    || depth != 0 || count != 0) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": invalid inline symlink (size " + in.size + ")");
            }
            in.inlineSymlink = Arrays.copyOfRange(b, rootOff, rootOff + (int) in.size);
            in.extents = ExtentMap.empty(ino);
        } else {
            in.extents = ExtentMap.load(store, ino, depth, count, b, rootOff, volumeBlocks);
        }
        return in;
    }

    private static long time(byte[] b, int o, String name, String where) throws VexfsException {
        long sec = Le.u64(b, o + INODE.off(name + "_sec"));
        long nsec = Le.u32(b, o + INODE.off(name + "_nsec"));
        if (nsec >= NANOS) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": " + name + " nanoseconds " + nsec);
        }
        if (sec > Long.MAX_VALUE / NANOS - 1 || sec < Long.MIN_VALUE / NANOS + 1) {
            return sec > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sec * NANOS + nsec;
    }

    private static void putTime(byte[] b, int o, String name, long nanos) {
        Le.put64(b, o + INODE.off(name + "_sec"), Math.floorDiv(nanos, NANOS));
        Le.put32(b, o + INODE.off(name + "_nsec"), Math.floorMod(nanos, NANOS));
    }

    /**
     * Encodes {@code in} into its slot in the running transaction (extent tree blocks must already be
     * placed). {@code inlineXattr} null keeps the slot's current inline xattrs.
     */
    public void store(Inode in, byte[] inlineXattr) throws VexfsException {
        byte[] b = store.modifyMeta(blockOf(in.ino), "inode table");
        int o = offsetOf(in.ino);
        if (inlineXattr == null) {
            inlineXattr = inlineXattr(in.ino);
        }
        Arrays.fill(b, o, o + INODE_SIZE, (byte) 0);
        Le.put16(b, o + INODE.off("mode"), in.mode);
        Le.put32(b, o + INODE.off("uid"), in.uid & 0xffffffffL);
        Le.put32(b, o + INODE.off("gid"), in.gid & 0xffffffffL);
        Le.put32(b, o + INODE.off("nlink"), in.nlink);
        Le.put64(b, o + INODE.off("size"), in.size);
        Le.put64(b, o + INODE.off("blocks"), in.blocks());
        putTime(b, o, "atime", in.atime);
        putTime(b, o, "mtime", in.mtime);
        putTime(b, o, "ctime", in.ctime);
        putTime(b, o, "crtime", in.crtime);
        Le.put32(b, o + INODE.off("generation"), in.generation & 0xffffffffL);
        Le.put32(b, o + INODE.off("flags"), in.flags);
        Le.put64(b, o + INODE.off("xattr_block"), in.xattrBlock);
        int rootOff = o + INODE.off("extent_root");
        if ((in.flags & FormatStructs.INODE_FLAG_INLINE_SYMLINK) != 0) {
            System.arraycopy(in.inlineSymlink, 0, b, rootOff, in.inlineSymlink.length);
        } else {
            Le.put16(b, o + INODE.off("extent_depth"), in.extents.rootDepth());
            Le.put16(b, o + INODE.off("extent_count"), in.extents.encodeRoot(b, rootOff));
        }
        Le.put16(b, o + INODE.off("inline_xattr_len"), inlineXattr.length);
        System.arraycopy(inlineXattr, 0, b, o + INODE.off("inline_xattr"), inlineXattr.length);
        Le.put32(b, o + INODE.off("checksum"), checksums.inode(b, o, in.ino) & 0xffffffffL);
    }

    /** Raw inline xattr bytes of a slot (validated length). */
    public byte[] inlineXattr(long ino) throws VexfsException {
        byte[] b = store.readMeta(blockOf(ino), "inode table");
        int o = offsetOf(ino);
        int len = Le.u16(b, o + INODE.off("inline_xattr_len"));
        if (len > FormatStructs.INLINE_XATTR_MAX) {
            throw new VexfsException(VexfsError.EUCLEAN, "inode " + ino + ": inline xattr length " + len);
        }
        int start = o + INODE.off("inline_xattr");
        return Arrays.copyOfRange(b, start, start + len);
    }

    /** Clears a freed slot, keeping its generation for the next reuse. */
    public void clear(long ino, int generation) throws VexfsException {
        byte[] b = store.modifyMeta(blockOf(ino), "inode table");
        int o = offsetOf(ino);
        Arrays.fill(b, o, o + INODE_SIZE, (byte) 0);
        Le.put32(b, o + INODE.off("generation"), generation & 0xffffffffL);
    }
}
