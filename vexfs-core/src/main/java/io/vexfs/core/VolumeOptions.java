package io.vexfs.core;

/**
 * How a volume is opened.
 *
 * @param readOnly          no changes; the image is opened read-only (a dirty journal is replayed in memory only)
 * @param uid               user whose permissions are enforced; -1 = superuser (no checks)
 * @param gid               that user's primary group
 * @param metadataCacheBytes bound on the decoded-block cache
 * @param inodeCacheEntries bound on cached inodes
 * @param dirtyLimitBytes   buffered changes that trigger a background-free commit
 */
public record VolumeOptions(boolean readOnly, int uid, int gid, long metadataCacheBytes, long inodeCacheEntries,
                            long dirtyLimitBytes) {
    public static VolumeOptions defaults() {
        return new VolumeOptions(false, -1, -1, 64L << 20, 100_000, 64L << 20);
    }

    public VolumeOptions withReadOnly(boolean ro) {
        return new VolumeOptions(ro, uid, gid, metadataCacheBytes, inodeCacheEntries, dirtyLimitBytes);
    }

    public VolumeOptions withUser(int newUid, int newGid) {
        return new VolumeOptions(readOnly, newUid, newGid, metadataCacheBytes, inodeCacheEntries, dirtyLimitBytes);
    }

    public VolumeOptions withCaches(long cacheBytes, long inodeEntries) {
        return new VolumeOptions(readOnly, uid, gid, cacheBytes, inodeEntries, dirtyLimitBytes);
    }

    public VolumeOptions withDirtyLimit(long bytes) {
        return new VolumeOptions(readOnly, uid, gid, metadataCacheBytes, inodeCacheEntries, bytes);
    }
}
