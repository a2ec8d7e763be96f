package io.vexfs.nio;

/**
 * Identity of a file on a volume, as {@code BasicFileAttributes.fileKey()} reports it.
 *
 * @param inode      inode number
 * @param generation inode slot generation
 */
record FileKey(long inode, int generation) {
}
