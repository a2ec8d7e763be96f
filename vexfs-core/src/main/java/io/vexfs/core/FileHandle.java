package io.vexfs.core;

import io.vexfs.api.VexfsException;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * An open regular file. The handle pins its inode: an unlinked file stays readable and writable
 * until its last handle closes. Positions are explicit; thread-safe.
 */
public interface FileHandle extends Closeable {

    long inode();

    /** Reads into {@code dst} from {@code position}; returns bytes read, or -1 at/after end of file. */
    int read(ByteBuffer dst, long position) throws VexfsException;

    /** Writes all of {@code src} at {@code position} (ignored in append mode); returns bytes written. */
    int write(ByteBuffer src, long position) throws VexfsException;

    long size() throws VexfsException;

    /** Shrinks (or, if {@code size} is larger, extends with a hole) the file. */
    void truncate(long size) throws VexfsException;

    /** Makes this file's data and metadata durable. */
    void force(boolean metadata) throws VexfsException;

    FileStat stat() throws VexfsException;

    boolean isOpen();

    @Override
    void close() throws VexfsException;
}
