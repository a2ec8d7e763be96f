package io.vexfs.core;

/**
 * What {@code stat} reports about an inode. Times are nanoseconds since the epoch.
 *
 * @param inode      inode number
 * @param generation slot generation (inode + generation identify a file for its lifetime)
 * @param type       file type
 * @param permissions permission bits (07777)
 * @param nlink      link count
 * @param uid        owner
 * @param gid        group
 * @param size       bytes
 * @param blocks     4 KiB blocks allocated
 * @param atimeNanos last access
 * @param mtimeNanos last modification
 * @param ctimeNanos last status change
 * @param crtimeNanos creation
 */
public record FileStat(long inode, int generation, FileType type, int permissions, long nlink, int uid, int gid,
                       long size, long blocks, long atimeNanos, long mtimeNanos, long ctimeNanos,
                       long crtimeNanos) {
    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isRegularFile() {
        return type == FileType.REGULAR;
    }

    public boolean isSymlink() {
        return type == FileType.SYMLINK;
    }

    /** Full mode: type bits | permissions. */
    public int mode() {
        return type.modeBits() | permissions;
    }
}
