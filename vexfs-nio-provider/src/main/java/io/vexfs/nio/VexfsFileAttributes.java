package io.vexfs.nio;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Attributes of a file on a VexFS volume: the POSIX set plus the inode identity and allocation.
 * Read with {@code Files.readAttributes(path, VexfsFileAttributes.class)} or the {@code "vexfs:*"} view.
 */
public interface VexfsFileAttributes extends PosixFileAttributes {

    /** Inode number. */
    long inode();

    /** Generation of the inode slot: inode and generation identify a file for its lifetime. */
    int generation();

    /** 4 KiB blocks allocated to the file. */
    long blocks();

    /** Number of hard links. */
    long linkCount();

    /** Full mode: type bits and permission bits (07777). */
    int mode();

    /** Numeric owner. */
    int uid();

    /** Numeric group. */
    int gid();

    /** Last status change. */
    FileTime changeTime();
}
