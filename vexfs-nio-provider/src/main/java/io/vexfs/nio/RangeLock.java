package io.vexfs.nio;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/** A byte-range lock held in a volume's {@link FileLockTable}. */
final class RangeLock extends FileLock {
    private final FileLockTable table;
    private final long inode;
    private volatile boolean valid = true;

    RangeLock(FileChannel channel, FileLockTable table, long inode, long position, long size, boolean shared) {
        super(channel, position, size, shared);
        this.table = table;
        this.inode = inode;
    }

    RangeLock(AsynchronousFileChannel channel, FileLockTable table, long inode, long position, long size,
              boolean shared) {
        super(channel, position, size, shared);
        this.table = table;
        this.inode = inode;
    }

    long inode() {
        return inode;
    }

    @Override
    public boolean isValid() {
        return valid && acquiredBy().isOpen();
    }

    void invalidate() {
        valid = false;
    }

    @Override
    public void release() throws IOException {
        if (!acquiredBy().isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (valid) {
            table.remove(this);
        }
    }
}
