package io.vexfs.core;

import java.util.UUID;

/**
 * Parameters of a new volume.
 *
 * @param sizeBytes   image size (rounded down to whole 4 KiB blocks; at least 256 KiB)
 * @param inodeRatio  bytes per inode (default 16384); ignored when {@code inodeCount > 0}
 * @param inodeCount  explicit inode count, 0 for the ratio
 * @param label       up to 64 bytes of UTF-8
 * @param uuid        volume uuid, null for a random one
 * @param overwrite   replace an existing image file
 */
public record MkfsOptions(long sizeBytes, long inodeRatio, long inodeCount, String label, UUID uuid,
                          boolean overwrite) {
    public static MkfsOptions ofSize(long sizeBytes) {
        return new MkfsOptions(sizeBytes, 16384, 0, "", null, false);
    }

    public MkfsOptions withLabel(String newLabel) {
        return new MkfsOptions(sizeBytes, inodeRatio, inodeCount, newLabel, uuid, overwrite);
    }

    public MkfsOptions withInodeCount(long count) {
        return new MkfsOptions(sizeBytes, inodeRatio, count, label, uuid, overwrite);
    }

    public MkfsOptions withUuid(UUID id) {
        return new MkfsOptions(sizeBytes, inodeRatio, inodeCount, label, id, overwrite);
    }

    public MkfsOptions withOverwrite(boolean replace) {
        return new MkfsOptions(sizeBytes, inodeRatio, inodeCount, label, uuid, replace);
    }
}
