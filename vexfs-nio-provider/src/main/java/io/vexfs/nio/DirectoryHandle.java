package io.vexfs.nio;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;

import java.nio.ByteBuffer;

/**
 * A directory opened for reading, as POSIX allows: no data I/O ({@code EISDIR}), but {@code force}
 * makes the directory (and, the volume being journaled as a whole, everything else) durable. Lucene
 * opens directories like this to fsync them.
 */
final class DirectoryHandle implements FileHandle {
    private final Volume volume;
    private final String path;
    private final long inode;
    private volatile boolean open = true;

    DirectoryHandle(Volume volume, String path, long inode) {
        this.volume = volume;
        this.path = path;
        this.inode = inode;
    }

    @Override
    public long inode() {
        return inode;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws VexfsException {
        throw new VexfsException(VexfsError.EISDIR, "read of directory " + path);
    }

    @Override
    public int write(ByteBuffer src, long position) throws VexfsException {
        throw new VexfsException(VexfsError.EISDIR, "write to directory " + path);
    }

    @Override
    public long size() throws VexfsException {
        return volume.stat(path, true).size();
    }

    @Override
    public void truncate(long size) throws VexfsException {
        throw new VexfsException(VexfsError.EISDIR, "truncate of directory " + path);
    }

    @Override
    public void force(boolean metadata) throws VexfsException {
        volume.sync();
    }

    @Override
    public FileStat stat() throws VexfsException {
        return volume.stat(path, true);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
