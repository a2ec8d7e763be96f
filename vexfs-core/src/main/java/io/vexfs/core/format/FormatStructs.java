package io.vexfs.core.format;

import io.vexfs.api.FormatFeatures;
import io.vexfs.api.VexfsError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single source of truth of on-disk format v1 (docs/FORMAT.md): every structure and constant.
 * {@link CHeaderGenerator} prints these as {@code vexfs_format.h}.
 */
public final class FormatStructs {
    private FormatStructs() {
    }

    public static final int BLOCK_SIZE = 4096;
    public static final int BLOCK_SHIFT = 12;
    public static final int CSUM_OFFSET = 4092;
    public static final int INODE_SIZE = 256;
    public static final int INODES_PER_BLOCK = BLOCK_SIZE / INODE_SIZE;
    public static final int BITS_PER_BITMAP_BLOCK = CSUM_OFFSET * 8;
    public static final int ROOT_INODE = 1;
    public static final int NAME_MAX = 255;
    public static final int SYMLINK_MAX = 4095;
    public static final int INLINE_SYMLINK_MAX = 96;
    public static final int INLINE_XATTR_MAX = 48;
    public static final int XATTR_VALUE_MAX = 4000;
    public static final int XATTR_BLOCK_ENTRIES_MAX = 4076;
    public static final int ROOT_EXTENTS = 4;
    public static final int EXTENT_NODE_ENTRIES = 169;
    public static final int EXTENT_MAX_DEPTH = 4;
    public static final int EXTENT_MAX_LEN = 1 << 31;
    public static final int DIR_LEAF_ENTRIES_BYTES = 4068;
    public static final int DIR_INDEX_ENTRIES = 254;
    public static final int DIRENT_HEADER = 20;
    public static final int JOURNAL_TAGS_PER_DESCRIPTOR = 507;
    public static final int REGION_SLOTS = 8;
    public static final int LABEL_MAX = 64;

    public static final int SUPER_MAGIC = 0x53465856;        // "VXFS"
    public static final int EXTENT_MAGIC = 0x54455856;       // "VXET"
    public static final int DIR_HEADER_MAGIC = 0x48445856;   // "VXDH"
    public static final int DIR_LEAF_MAGIC = 0x4c445856;     // "VXDL"
    public static final int DIR_INDEX_MAGIC = 0x49445856;    // "VXDI"
    public static final int XATTR_MAGIC = 0x41585856;        // "VXXA"
    public static final int JOURNAL_HEADER_MAGIC = 0x484a5856; // "VXJH"
    public static final int JOURNAL_DESC_MAGIC = 0x444a5856;   // "VXJD"
    public static final int JOURNAL_COMMIT_MAGIC = 0x434a5856; // "VXJC"

    public static final int STATE_CLEAN = 1;
    public static final int STATE_ERROR = 2;

    public static final int REGION_JOURNAL = 1;
    public static final int REGION_BLOCK_BITMAP = 2;
    public static final int REGION_INODE_BITMAP = 3;
    public static final int REGION_INODE_TABLE = 4;
    public static final int REGION_DATA = 5;
    public static final int REGION_VECTOR_SPACES = 6;
    public static final int REGION_VECTOR_GRAPH = 7;

    public static final int INODE_FLAG_INLINE_SYMLINK = 1;

    public static final int FT_REG = 1;
    public static final int FT_DIR = 2;
    public static final int FT_SYMLINK = 3;

    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;

    public static final long DIR_HASH_BASIS = 0xcbf29ce484222325L;
    public static final long DIR_HASH_PRIME = 0x100000001b3L;
    public static final long DIR_HASH_MIX = 0xff51afd7ed558ccdL;

    public static final StructDef REGION = new StructDef("vexfs_region", "region table entry")
            .u32("type").u32("flags").u64("start").u64("length").end(24);

    public static final StructDef SUPER = new StructDef("vexfs_super", "superblock, block 0 and last block")
            .u32("magic").u32("format_version").u32("block_size").u32("inode_size")
            .u64("feature_compat").u64("feature_incompat").u64("feature_ro_compat")
            .bytes("uuid", 16).bytes("label", LABEL_MAX)
            .u64("total_blocks").u64("free_blocks").u64("total_inodes").u64("free_inodes")
            .u64("root_inode").u32("state").u32("region_count")
            .i64("mkfs_time").i64("write_time").u64("mount_count").u64("dir_hash_seed")
            .array("regions", REGION, REGION_SLOTS)
            .bytes("reserved", 3700).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef EXTENT = new StructDef("vexfs_extent", "extent: leaf entry of an extent tree")
            .u64("logical").u64("physical").u32("length").u32("flags").end(24);

    public static final StructDef EXTENT_INDEX = new StructDef("vexfs_extent_index",
            "interior entry of an extent tree").u64("logical").u64("child").u64("reserved").end(24);

    public static final StructDef INODE = new StructDef("vexfs_inode", "inode, 16 per inode-table block")
            .u16("mode").u16("reserved0").u32("uid").u32("gid").u32("nlink")
            .u64("size").u64("blocks")
            .i64("atime_sec").i64("mtime_sec").i64("ctime_sec").i64("crtime_sec")
            .u32("atime_nsec").u32("mtime_nsec").u32("ctime_nsec").u32("crtime_nsec")
            .u32("generation").u32("flags").u64("xattr_block")
            .u16("extent_depth").u16("extent_count").u32("reserved1")
            .bytes("extent_root", 96)
            .u16("inline_xattr_len").u16("reserved2").bytes("inline_xattr", INLINE_XATTR_MAX)
            .u32("checksum").end(INODE_SIZE);

    public static final StructDef EXTENT_NODE = new StructDef("vexfs_extent_node", "extent tree node block")
            .u32("magic").u16("depth").u16("count").u64("owner")
            .bytes("entries", 24 * EXTENT_NODE_ENTRIES).bytes("reserved", 20).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef DIR_HEADER = new StructDef("vexfs_dir_header", "directory logical block 0")
            .u32("magic").u32("depth").u64("self").u64("parent").u64("entry_count").u64("root")
            .u64("node_count").bytes("reserved", 4044).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef DIR_LEAF = new StructDef("vexfs_dir_leaf", "directory B+tree leaf")
            .u32("magic").u16("count").u16("used").u64("owner").u64("next_leaf")
            .bytes("entries", DIR_LEAF_ENTRIES_BYTES).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef DIRENT = new StructDef("vexfs_dirent", "directory entry header; name follows")
            .u64("hash").u64("inode").u16("name_len").u8("file_type").u8("reserved").end(DIRENT_HEADER);

    public static final StructDef DIR_INDEX_ENTRY = new StructDef("vexfs_dir_index_entry",
            "directory index entry").u64("min_hash").u64("child").end(16);

    public static final StructDef DIR_INDEX = new StructDef("vexfs_dir_index", "directory B+tree index node")
            .u32("magic").u16("count").u16("level").u64("owner").u64("reserved")
            .array("entries", DIR_INDEX_ENTRY, DIR_INDEX_ENTRIES).u32("reserved2").u32("checksum").end(BLOCK_SIZE);

    public static final StructDef XATTR_ENTRY = new StructDef("vexfs_xattr_entry",
            "xattr entry header; name then value follow").u8("name_len").u8("reserved").u16("value_len").end(4);

    public static final StructDef XATTR_BLOCK = new StructDef("vexfs_xattr_block", "xattr overflow block")
            .u32("magic").u16("count").u16("used").u64("owner")
            .bytes("entries", XATTR_BLOCK_ENTRIES_MAX).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef JOURNAL_HEADER = new StructDef("vexfs_journal_header", "journal block 0")
            .u32("magic").u32("version").u64("sequence").u64("start").u64("length")
            .bytes("reserved", 4060).u32("checksum").end(BLOCK_SIZE);

    public static final StructDef JOURNAL_DESCRIPTOR = new StructDef("vexfs_journal_descriptor",
            "journal descriptor block").u32("magic").u32("count").u64("sequence").bytes("reserved", 16)
            .u64s("targets", JOURNAL_TAGS_PER_DESCRIPTOR).u32("reserved2").u32("checksum").end(BLOCK_SIZE);

    public static final StructDef JOURNAL_COMMIT = new StructDef("vexfs_journal_commit", "journal commit block")
            .u32("magic").u32("image_count").u64("sequence").u32("images_crc").u32("reserved")
            .i64("commit_time").bytes("reserved2", 4060).u32("checksum").end(BLOCK_SIZE);

    /** Every struct, in the order the C header declares them. */
    public static final List<StructDef> ALL = List.of(REGION, SUPER, EXTENT, EXTENT_INDEX, INODE, EXTENT_NODE,
            DIR_HEADER, DIR_LEAF, DIRENT, DIR_INDEX_ENTRY, DIR_INDEX, XATTR_ENTRY, XATTR_BLOCK, JOURNAL_HEADER,
            JOURNAL_DESCRIPTOR, JOURNAL_COMMIT);

    /** Every named constant the C header carries (name without the VEXFS_ prefix -> value). */
    public static Map<String, Long> constants() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("FORMAT_VERSION", (long) FormatFeatures.FORMAT_VERSION);
        m.put("BLOCK_SIZE", (long) BLOCK_SIZE);
        m.put("BLOCK_SHIFT", (long) BLOCK_SHIFT);
        m.put("CSUM_OFFSET", (long) CSUM_OFFSET);
        m.put("INODE_SIZE", (long) INODE_SIZE);
        m.put("INODES_PER_BLOCK", (long) INODES_PER_BLOCK);
        m.put("BITS_PER_BITMAP_BLOCK", (long) BITS_PER_BITMAP_BLOCK);
        m.put("ROOT_INODE", (long) ROOT_INODE);
        m.put("NAME_MAX", (long) NAME_MAX);
        m.put("SYMLINK_MAX", (long) SYMLINK_MAX);
        m.put("INLINE_SYMLINK_MAX", (long) INLINE_SYMLINK_MAX);
        m.put("INLINE_XATTR_MAX", (long) INLINE_XATTR_MAX);
        m.put("XATTR_VALUE_MAX", (long) XATTR_VALUE_MAX);
        m.put("ROOT_EXTENTS", (long) ROOT_EXTENTS);
        m.put("EXTENT_NODE_ENTRIES", (long) EXTENT_NODE_ENTRIES);
        m.put("EXTENT_MAX_DEPTH", (long) EXTENT_MAX_DEPTH);
        m.put("DIR_LEAF_ENTRIES_BYTES", (long) DIR_LEAF_ENTRIES_BYTES);
        m.put("DIR_INDEX_ENTRIES", (long) DIR_INDEX_ENTRIES);
        m.put("DIRENT_HEADER", (long) DIRENT_HEADER);
        m.put("JOURNAL_TAGS_PER_DESCRIPTOR", (long) JOURNAL_TAGS_PER_DESCRIPTOR);
        m.put("REGION_SLOTS", (long) REGION_SLOTS);
        m.put("LABEL_MAX", (long) LABEL_MAX);
        m.put("SUPER_MAGIC", (long) SUPER_MAGIC);
        m.put("EXTENT_MAGIC", (long) EXTENT_MAGIC);
        m.put("DIR_HEADER_MAGIC", (long) DIR_HEADER_MAGIC);
        m.put("DIR_LEAF_MAGIC", (long) DIR_LEAF_MAGIC);
        m.put("DIR_INDEX_MAGIC", (long) DIR_INDEX_MAGIC);
        m.put("XATTR_MAGIC", (long) XATTR_MAGIC);
        m.put("JOURNAL_HEADER_MAGIC", (long) JOURNAL_HEADER_MAGIC);
        m.put("JOURNAL_DESC_MAGIC", (long) JOURNAL_DESC_MAGIC);
        m.put("JOURNAL_COMMIT_MAGIC", (long) JOURNAL_COMMIT_MAGIC);
        m.put("STATE_CLEAN", (long) STATE_CLEAN);
        m.put("STATE_ERROR", (long) STATE_ERROR);
        m.put("REGION_JOURNAL", (long) REGION_JOURNAL);
        m.put("REGION_BLOCK_BITMAP", (long) REGION_BLOCK_BITMAP);
        m.put("REGION_INODE_BITMAP", (long) REGION_INODE_BITMAP);
        m.put("REGION_INODE_TABLE", (long) REGION_INODE_TABLE);
        m.put("REGION_DATA", (long) REGION_DATA);
        m.put("REGION_VECTOR_SPACES", (long) REGION_VECTOR_SPACES);
        m.put("REGION_VECTOR_GRAPH", (long) REGION_VECTOR_GRAPH);
        m.put("INODE_FLAG_INLINE_SYMLINK", (long) INODE_FLAG_INLINE_SYMLINK);
        m.put("FT_REG", (long) FT_REG);
        m.put("FT_DIR", (long) FT_DIR);
        m.put("FT_SYMLINK", (long) FT_SYMLINK);
        m.put("FEATURE_COMPAT_BACKUP_SUPERBLOCK", FormatFeatures.COMPAT_BACKUP_SUPERBLOCK);
        m.put("FEATURE_COMPAT_DIR_FILETYPE", FormatFeatures.COMPAT_DIR_FILETYPE);
        m.put("FEATURE_INCOMPAT_EXTENTS", FormatFeatures.INCOMPAT_EXTENTS);
        m.put("FEATURE_INCOMPAT_HASHED_DIRS", FormatFeatures.INCOMPAT_HASHED_DIRS);
        m.put("FEATURE_INCOMPAT_JOURNAL", FormatFeatures.INCOMPAT_JOURNAL);
        m.put("FEATURE_INCOMPAT_VECTORS", FormatFeatures.INCOMPAT_VECTORS);
        m.put("FEATURE_INCOMPAT_KNOWN", FormatFeatures.INCOMPAT_KNOWN);
        m.put("FEATURE_RO_COMPAT_METADATA_CSUM", FormatFeatures.RO_COMPAT_METADATA_CSUM);
        m.put("FEATURE_RO_COMPAT_HUGE_FILE", FormatFeatures.RO_COMPAT_HUGE_FILE);
        m.put("FEATURE_RO_COMPAT_VECTOR_GRAPH", FormatFeatures.RO_COMPAT_VECTOR_GRAPH);
        m.put("FEATURE_RO_COMPAT_KNOWN", FormatFeatures.RO_COMPAT_KNOWN);
        m.put("DIR_HASH_BASIS", DIR_HASH_BASIS);
        m.put("DIR_HASH_PRIME", DIR_HASH_PRIME);
        m.put("DIR_HASH_MIX", DIR_HASH_MIX);
        return m;
    }

    /** The errno table (name -> negative errno) shared with C. */
    public static Map<String, Integer> errnos() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (VexfsError e : VexfsError.values()) {
            m.put(e.name(), e.errno());
        }
        return m;
    }
}
