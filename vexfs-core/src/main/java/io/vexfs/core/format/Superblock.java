package io.vexfs.core.format;

import io.vexfs.api.FormatFeatures;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.vexfs.core.format.FormatStructs.SUPER;

/** The decoded superblock (docs/FORMAT.md "Superblock"); mutable counters, validated on decode. */
public final class Superblock {
    public byte[] uuid = new byte[16];
    public String label = "";
    public long featureCompat;
    public long featureIncompat;
    public long featureRoCompat;
    public long totalBlocks;
    public long freeBlocks;
    public long totalInodes;
    public long freeInodes;
    public int state;
    public long mkfsTime;
    public long writeTime;
    public long mountCount;
    public long dirHashSeed;
    public final Region[] regions = new Region[FormatStructs.REGION_SLOTS];

    public Region region(int type) {
        return regions[type - 1];
    }

    public boolean isClean() {
        return (state & FormatStructs.STATE_CLEAN) != 0;
    }

    /** Encodes into a fresh block with the checksum for block {@code blockNo}. */
    public byte[] encode(long blockNo) {
        byte[] b = new byte[FormatStructs.BLOCK_SIZE];
        Le.put32(b, SUPER.off("magic"), FormatStructs.SUPER_MAGIC);
        Le.put32(b, SUPER.off("format_version"), FormatFeatures.FORMAT_VERSION);
        Le.put32(b, SUPER.off("block_size"), FormatStructs.BLOCK_SIZE);
        Le.put32(b, SUPER.off("inode_size"), FormatStructs.INODE_SIZE);
        Le.put64(b, SUPER.off("feature_compat"), featureCompat);
        Le.put64(b, SUPER.off("feature_incompat"), featureIncompat);
        Le.put64(b, SUPER.off("feature_ro_compat"), featureRoCompat);
        System.arraycopy(uuid, 0, b, SUPER.off("uuid"), 16);
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, b, SUPER.off("label"), Math.min(l.length, FormatStructs.LABEL_MAX));
        Le.put64(b, SUPER.off("total_blocks"), totalBlocks);
        Le.put64(b, SUPER.off("free_blocks"), freeBlocks);
        Le.put64(b, SUPER.off("total_inodes"), totalInodes);
        Le.put64(b, SUPER.off("free_inodes"), freeInodes);
        Le.put64(b, SUPER.off("root_inode"), FormatStructs.ROOT_INODE);
        Le.put32(b, SUPER.off("state"), state);
        Le.put32(b, SUPER.off("region_count"), FormatStructs.REGION_SLOTS);
        Le.put64(b, SUPER.off("mkfs_time"), mkfsTime);
        Le.put64(b, SUPER.off("write_time"), writeTime);
        Le.put64(b, SUPER.off("mount_count"), mountCount);
        Le.put64(b, SUPER.off("dir_hash_seed"), dirHashSeed);
        int base = SUPER.off("regions");
        for (int i = 0; i < regions.length; i++) {
            Region r = regions[i];
            if (r == null) {
                continue;
            }
            int o = base + i * FormatStructs.REGION.size();
            Le.put32(b, o + FormatStructs.REGION.off("type"), r.type());
            Le.put64(b, o + FormatStructs.REGION.off("start"), r.start());
            Le.put64(b, o + FormatStructs.REGION.off("length"), r.length());
        }
        new Checksums(uuid).sealBlock(b, blockNo);
        return b;
    }

    /**
     * Decodes and fully validates a superblock read from {@code blockNo} of a device of
     * {@code deviceBlocks} blocks. Errors name the field and block.
     */
    public static Superblock decode(byte[] b, long blockNo, long deviceBlocks) throws VexfsException {
        String where = "superblock at block " + blockNo;
        if (Le.i32(b, SUPER.off("magic")) != FormatStructs.SUPER_MAGIC) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": bad magic 0x"
                    + Integer.toHexString(Le.i32(b, SUPER.off("magic"))) + " (not a VexFS volume)");
        }
        Superblock s = new Superblock();
        System.arraycopy(b, SUPER.off("uuid"), s.uuid, 0, 16);
        if (!new Checksums(s.uuid).blockValid(b, blockNo)) {
            throw new VexfsException(VexfsError.EBADMSG, where + ": checksum mismatch");
        }
        long version = Le.u32(b, SUPER.off("format_version"));
        if (version != FormatFeatures.FORMAT_VERSION) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": unsupported format version " + version);
        }
        if (Le.u32(b, SUPER.off("block_size")) != FormatStructs.BLOCK_SIZE
                || Le.u32(b, SUPER.off("inode_size")) != FormatStructs.INODE_SIZE) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": block size "
                    + Le.u32(b, SUPER.off("block_size")) + " / inode size " + Le.u32(b, SUPER.off("inode_size"))
                    + " not supported (need 4096 / 256)");
        }
        s.featureCompat = Le.u64(b, SUPER.off("feature_compat"));
        s.featureIncompat = Le.u64(b, SUPER.off("feature_incompat"));
        s.featureRoCompat = Le.u64(b, SUPER.off("feature_ro_compat"));
        long unknown = s.featureIncompat & ~FormatFeatures.INCOMPAT_KNOWN;
        if (unknown != 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": unknown incompatible features 0x"
                    + Long.toHexString(unknown) + "; this version cannot open the volume");
        }
        long required = FormatFeatures.INCOMPAT_EXTENTS | FormatFeatures.INCOMPAT_HASHED_DIRS
                | FormatFeatures.INCOMPAT_JOURNAL;
        if ((s.featureIncompat & required) != required) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": required features missing (incompat 0x"
                    + Long.toHexString(s.featureIncompat) + ")");
        }
        byte[] lbl = Arrays.copyOfRange(b, SUPER.off("label"), SUPER.off("label") + FormatStructs.LABEL_MAX);
        int n = 0;
        while (n < lbl.length && lbl[n] != 0) {
            n++;
        }
        s.label = new String(lbl, 0, n, StandardCharsets.UTF_8);
        s.totalBlocks = Le.u64(b, SUPER.off("total_blocks"));
        s.freeBlocks = Le.u64(b, SUPER.off("free_blocks"));
        s.totalInodes = Le.u64(b, SUPER.off("total_inodes"));
        s.freeInodes = Le.u64(b, SUPER.off("free_inodes"));
        s.state = Le.i32(b, SUPER.off("state"));
        s.mkfsTime = Le.u64(b, SUPER.off("mkfs_time"));
        s.writeTime = Le.u64(b, SUPER.off("write_time"));
        s.mountCount = Le.u64(b, SUPER.off("mount_count"));
        s.dirHashSeed = Le.u64(b, SUPER.off("dir_hash_seed"));
        if (s.totalBlocks < 64 || s.totalBlocks > deviceBlocks) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": total_blocks " + Long.toUnsignedString(s.totalBlocks)
                    + " outside 64.." + deviceBlocks + " (device size)");
        }
        if (Long.compareUnsigned(s.freeBlocks, s.totalBlocks) > 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": free_blocks exceeds total_blocks");
        }
        if (s.totalInodes < FormatStructs.INODES_PER_BLOCK || s.totalInodes % FormatStructs.INODES_PER_BLOCK != 0
                || s.totalInodes > (1L << 40)) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": total_inodes " + Long.toUnsignedString(s.totalInodes)
                    + " is not a positive multiple of 16");
        }
        if (Long.compareUnsigned(s.freeInodes, s.totalInodes) > 0) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": free_inodes exceeds total_inodes");
        }
        if (Le.u64(b, SUPER.off("root_inode")) != FormatStructs.ROOT_INODE
                || Le.u32(b, SUPER.off("region_count")) != FormatStructs.REGION_SLOTS) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": root_inode / region_count invalid");
        }
        int base = SUPER.off("regions");
        for (int i = 0; i < FormatStructs.REGION_SLOTS; i++) {
            int o = base + i * FormatStructs.REGION.size();
            long type = Le.u32(b, o);
            long start = Le.u64(b, o + 8);
            long length = Le.u64(b, o + 16);
            if (type == 0 && start == 0 && length == 0) {
                continue;
            }
            if (type != i + 1) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": region slot " + i + " has type " + type);
            }
            if (length > 0 && (start < 1 || start >= s.totalBlocks - 1
                    || Long.compareUnsigned(length, s.totalBlocks - 1 - start) > 0)) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": region " + type + " [" + start + "+"
                        + Long.toUnsignedString(length) + ") lies outside the volume");
            }
            s.regions[i] = new Region((int) type, start, length);
        }
        for (int t = FormatStructs.REGION_JOURNAL; t <= FormatStructs.REGION_DATA; t++) {
            if (s.regions[t - 1] == null || s.regions[t - 1].length() == 0) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": required region " + t + " missing");
            }
        }
        for (int i = 0; i < s.regions.length; i++) {
            for (int j = i + 1; j < s.regions.length; j++) {
                Region a = s.regions[i];
                Region c = s.regions[j];
                if (a != null && c != null && a.length() > 0 && c.length() > 0
                        && a.start() < c.end() && c.start() < a.end()) {
                    throw new VexfsException(VexfsError.EUCLEAN, where + ": regions " + a.type() + " and "
                            + c.type() + " overlap");
                }
            }
        }
        long bitmapBits = s.region(FormatStructs.REGION_BLOCK_BITMAP).length() * FormatStructs.BITS_PER_BITMAP_BLOCK;
        long inodeBits = s.region(FormatStructs.REGION_INODE_BITMAP).length() * FormatStructs.BITS_PER_BITMAP_BLOCK;
        long tableInodes = s.region(FormatStructs.REGION_INODE_TABLE).length() * FormatStructs.INODES_PER_BLOCK;
        if (bitmapBits < s.totalBlocks || inodeBits < s.totalInodes || tableInodes < s.totalInodes) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": bitmap or inode table regions too small");
        }
        if (s.region(FormatStructs.REGION_JOURNAL).length() < 8) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": journal shorter than 8 blocks");
        }
        return s;
    }
}
