package io.vexfs.api;

/**
 * On-disk format version and feature bits. An image with an unknown incompat bit is refused;
 * one with an unknown ro_compat bit opens read-only; unknown compat bits are ignored.
 */
public final class FormatFeatures {
    private FormatFeatures() {
    }

    /** Format major version written by this implementation. */
    public static final int FORMAT_VERSION = 1;

    /** compat: the volume has a backup superblock in its last block. */
    public static final long COMPAT_BACKUP_SUPERBLOCK = 1L;
    /** compat: directory entries carry the file type. */
    public static final long COMPAT_DIR_FILETYPE = 1L << 1;
    public static final long COMPAT_KNOWN = COMPAT_BACKUP_SUPERBLOCK | COMPAT_DIR_FILETYPE;

    /** incompat: files map data through extents. */
    public static final long INCOMPAT_EXTENTS = 1L;
    /** incompat: directories are hash-indexed B+trees. */
    public static final long INCOMPAT_HASHED_DIRS = 1L << 1;
    /** incompat: the metadata journal must be replayed before use. */
    public static final long INCOMPAT_JOURNAL = 1L << 2;
    /** incompat (reserved for the vector issue): vector spaces and per-file vectors present. */
    public static final long INCOMPAT_VECTORS = 1L << 3;
    public static final long INCOMPAT_KNOWN = INCOMPAT_EXTENTS | INCOMPAT_HASHED_DIRS | INCOMPAT_JOURNAL;

    /** ro_compat: metadata carries CRC32C checksums. */
    public static final long RO_COMPAT_METADATA_CSUM = 1L;
    /** ro_compat: files may exceed 2 TiB. */
    public static final long RO_COMPAT_HUGE_FILE = 1L << 1;
    /** ro_compat (reserved for the vector issue): a persisted HNSW graph region. */
    public static final long RO_COMPAT_VECTOR_GRAPH = 1L << 2;
    public static final long RO_COMPAT_KNOWN = RO_COMPAT_METADATA_CSUM | RO_COMPAT_HUGE_FILE;
}
