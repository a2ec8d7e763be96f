package io.vexfs.core.engine;

import io.vexfs.api.FormatFeatures;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;
import io.vexfs.core.format.Region;
import io.vexfs.core.format.Superblock;
import io.vexfs.core.journal.Journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.vexfs.core.format.FormatStructs.BITS_PER_BITMAP_BLOCK;
import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;
import static io.vexfs.core.format.FormatStructs.INODES_PER_BLOCK;

/** Creates a new volume: computes the layout, writes superblocks, journal header, bitmaps and the root directory. */
public final class Mkfs {
    private Mkfs() {
    }

    /** Smallest volume: 64 blocks. */
    public static final long MIN_SIZE = 64L * BLOCK_SIZE;

    /** The layout a volume of {@code totalBlocks} blocks with {@code inodes} inodes gets. */
    static Superblock layout(long totalBlocks, long inodes, String label, byte[] uuid, long seed) throws VexfsException {
        long inodeBlocks = (inodes + INODES_PER_BLOCK - 1) / INODES_PER_BLOCK;
        inodes = inodeBlocks * INODES_PER_BLOCK;
        long bbmp = (totalBlocks + BITS_PER_BITMAP_BLOCK - 1) / BITS_PER_BITMAP_BLOCK;
        long ibmp = (inodes + BITS_PER_BITMAP_BLOCK - 1) / BITS_PER_BITMAP_BLOCK;
        long journal = Math.max(Math.min(totalBlocks / 64, 32768), 1024);
        journal = Math.max(journal, 4 * bbmp + 1024);
        if (totalBlocks < 4096) {
            journal = Math.max(16, totalBlocks / 8);
        }
        long start = 1;
        Superblock s = new Superblock();
        Region j = new Region(FormatStructs.REGION_JOURNAL, start, journal);
        Region bb = new Region(FormatStructs.REGION_BLOCK_BITMAP, j.end(), bbmp);
        Region ib = new Region(FormatStructs.REGION_INODE_BITMAP, bb.end(), ibmp);
        Region it = new Region(FormatStructs.REGION_INODE_TABLE, ib.end(), inodeBlocks);
        long dataStart = it.end();
        long dataLen = totalBlocks - 1 - dataStart;
        if (dataLen < 8) {
            throw new VexfsException(VexfsError.EINVAL, "volume of " + totalBlocks + " blocks is too small for "
                    + inodes + " inodes and a " + journal + "-block journal");
        }
        Region data = new Region(FormatStructs.REGION_DATA, dataStart, dataLen);
        s.regions[0] = j;
        s.regions[1] = bb;
        s.regions[2] = ib;
        s.regions[3] = it;
        s.regions[4] = data;
        s.uuid = uuid;
        s.label = label;
        s.totalBlocks = totalBlocks;
        s.totalInodes = inodes;
        s.featureCompat = FormatFeatures.COMPAT_BACKUP_SUPERBLOCK | FormatFeatures.COMPAT_DIR_FILETYPE;
        s.featureIncompat = FormatFeatures.INCOMPAT_EXTENTS | FormatFeatures.INCOMPAT_HASHED_DIRS
                | FormatFeatures.INCOMPAT_JOURNAL;
        s.featureRoCompat = FormatFeatures.RO_COMPAT_METADATA_CSUM | FormatFeatures.RO_COMPAT_HUGE_FILE;
        s.dirHashSeed = seed;
        long now = System.currentTimeMillis() / 1000;
        s.mkfsTime = now;
        s.writeTime = now;
        return s;
    }

    /** Formats {@code image} per {@code options}. */
    public static void format(Path image, MkfsOptions options) throws VexfsException {
        long total = options.sizeBytes() / BLOCK_SIZE;
        if (options.sizeBytes() < MIN_SIZE) {
            throw new VexfsException(VexfsError.EINVAL, image + ": volume size " + options.sizeBytes()
                    + " below the minimum " + MIN_SIZE);
        }
        byte[] label = options.label() == null ? new byte[0] : options.label().getBytes(StandardCharsets.UTF_8);
        if (label.length > FormatStructs.LABEL_MAX) {
            throw new VexfsException(VexfsError.EINVAL, "label longer than 64 bytes: " + options.label());
        }
        long inodes = options.inodeCount() > 0 ? options.inodeCount()
                : Math.max(INODES_PER_BLOCK, options.sizeBytes() / Math.max(1024, options.inodeRatio()));
        inodes = Math.min(inodes, Math.max(INODES_PER_BLOCK, total * INODES_PER_BLOCK / 4));
        UUID id = options.uuid() != null ? options.uuid() : UUID.randomUUID();
        byte[] uuid = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
        Superblock s = layout(total, inodes, options.label() == null ? "" : options.label(), uuid,
                new SecureRandom().nextLong());
        if (Files.exists(image) && !options.overwrite()) {
            throw new VexfsException(VexfsError.EEXIST, image + ": file exists (use overwrite to replace it)");
        }
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.truncate(0);
            // Sparse: set the size by writing the backup superblock last; zero regions read as zeros.
            for (WrittenBlock w : blocks(s)) {
                ByteBuffer bb = ByteBuffer.wrap(w.data());
                long pos = w.block() * BLOCK_SIZE;
                while (bb.hasRemaining()) {
                    pos += ch.write(bb, pos);
                }
            }
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new VexfsException(VexfsError.EEXIST, image + ": file exists");
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, image + ": mkfs failed: " + e.getMessage(), e);
        }
    }

    /** Formats an arbitrary device (tests, crash simulation). */
    public static void format(BlockDevice device, MkfsOptions options) throws VexfsException {
        long total = device.blockCount();
        long inodes = options.inodeCount() > 0 ? options.inodeCount()
                : Math.max(INODES_PER_BLOCK, total * BLOCK_SIZE / Math.max(1024, options.inodeRatio()));
        UUID id = options.uuid() != null ? options.uuid() : new UUID(0x5658465300000001L, 42L);
        byte[] uuid = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
        Superblock s = layout(total, inodes, options.label() == null ? "" : options.label(), uuid,
                id.getLeastSignificantBits() * 31 + id.getMostSignificantBits());
        for (WrittenBlock w : blocks(s)) {
            device.writeBlock(w.block(), w.data());
        }
        device.force();
    }

    /** Sets bits [from, to) that fall into the bitmap block whose first bit is {@code lo}. */
    private static void setRange(byte[] b, long lo, long from, long to) {
        long a = Math.max(from, lo);
        long z = Math.min(to, lo + BITS_PER_BITMAP_BLOCK);
        for (long bit = a; bit < z; bit++) {
            int i = (int) ((bit - lo) >>> 3);
            b[i] |= (byte) (1 << (bit & 7));
        }
    }

    record WrittenBlock(long block, byte[] data) {
    }

    /** Every block mkfs writes, the primary superblock last but one and the backup last. */
    static List<WrittenBlock> blocks(Superblock s) throws VexfsException {
        Checksums cs = new Checksums(s.uuid);
        List<WrittenBlock> out = new ArrayList<>();
        Region j = s.region(FormatStructs.REGION_JOURNAL);
        out.add(new WrittenBlock(j.start(), Journal.encodeHeader(cs, j, 1, 1)));
        Region data = s.region(FormatStructs.REGION_DATA);
        // root directory: header + leaf in the first two data blocks
        long rootHeader = data.start();
        long rootLeaf = data.start() + 1;
        long usedThrough = rootLeaf + 1; // blocks [0, usedThrough) are in use, plus the last block
        Region bb = s.region(FormatStructs.REGION_BLOCK_BITMAP);
        for (long k = 0; k < bb.length(); k++) {
            byte[] b = new byte[BLOCK_SIZE];
            long lo = k * BITS_PER_BITMAP_BLOCK;
            setRange(b, lo, 0, usedThrough);
            setRange(b, lo, s.totalBlocks - 1, lo + BITS_PER_BITMAP_BLOCK);
            cs.sealBlock(b, bb.start() + k);
            out.add(new WrittenBlock(bb.start() + k, b));
        }
        Region ib = s.region(FormatStructs.REGION_INODE_BITMAP);
        for (long k = 0; k < ib.length(); k++) {
            byte[] b = new byte[BLOCK_SIZE];
            long lo = k * BITS_PER_BITMAP_BLOCK;
            setRange(b, lo, 0, 1);
            setRange(b, lo, s.totalInodes, lo + BITS_PER_BITMAP_BLOCK);
            cs.sealBlock(b, ib.start() + k);
            out.add(new WrittenBlock(ib.start() + k, b));
        }
        // root inode
        long nowNanos = System.currentTimeMillis() * 1_000_000L;
        byte[] it = new byte[BLOCK_SIZE];
        var I = FormatStructs.INODE;
        Le.put16(it, I.off("mode"), FormatStructs.S_IFDIR | 0755);
        Le.put32(it, I.off("nlink"), 2);
        Le.put64(it, I.off("size"), 2L * BLOCK_SIZE);
        Le.put64(it, I.off("blocks"), 2);
        for (String t : new String[] {"atime", "mtime", "ctime", "crtime"}) {
            Le.put64(it, I.off(t + "_sec"), nowNanos / 1_000_000_000L);
            Le.put32(it, I.off(t + "_nsec"), nowNanos % 1_000_000_000L);
        }
        Le.put32(it, I.off("generation"), 1);
        Le.put16(it, I.off("extent_depth"), 0);
        Le.put16(it, I.off("extent_count"), 1);
        int e = I.off("extent_root");
        Le.put64(it, e, 0);
        Le.put64(it, e + 8, rootHeader);
        Le.put32(it, e + 16, 2);
        Le.put32(it, I.off("checksum"), cs.inode(it, 0, FormatStructs.ROOT_INODE) & 0xffffffffL);
        out.add(new WrittenBlock(s.region(FormatStructs.REGION_INODE_TABLE).start(), it));
        var H = FormatStructs.DIR_HEADER;
        byte[] hb = new byte[BLOCK_SIZE];
        Le.put32(hb, H.off("magic"), FormatStructs.DIR_HEADER_MAGIC);
        Le.put64(hb, H.off("self"), FormatStructs.ROOT_INODE);
        Le.put64(hb, H.off("parent"), FormatStructs.ROOT_INODE);
        Le.put64(hb, H.off("root"), 1);
        Le.put64(hb, H.off("node_count"), 2);
        cs.sealBlock(hb, rootHeader);
        out.add(new WrittenBlock(rootHeader, hb));
        var L = FormatStructs.DIR_LEAF;
        byte[] lb = new byte[BLOCK_SIZE];
        Le.put32(lb, L.off("magic"), FormatStructs.DIR_LEAF_MAGIC);
        Le.put64(lb, L.off("owner"), FormatStructs.ROOT_INODE);
        cs.sealBlock(lb, rootLeaf);
        out.add(new WrittenBlock(rootLeaf, lb));
        s.freeBlocks = s.totalBlocks - usedThrough - 1;
        s.freeInodes = s.totalInodes - 1;
        s.state = FormatStructs.STATE_CLEAN;
        out.add(new WrittenBlock(0, s.encode(0)));
        out.add(new WrittenBlock(s.totalBlocks - 1, s.encode(s.totalBlocks - 1)));
        return out;
    }
}
