package io.vexfs.core;

/**
 * One directory entry as readdir returns it.
 *
 * @param name   entry name
 * @param inode  target inode
 * @param type   target type
 * @param cursor position to resume a listing after this entry
 */
public record DirEntry(String name, long inode, FileType type, DirCursor cursor) {
}
