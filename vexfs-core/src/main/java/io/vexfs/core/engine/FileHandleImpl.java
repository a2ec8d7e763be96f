package io.vexfs.core.engine;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.OpenMode;
import io.vexfs.core.inode.Inode;

import java.nio.ByteBuffer;
import java.util.List;

/** An open regular file of a {@link VolumeEngine}; pins its inode until closed. */
final class FileHandleImpl implements FileHandle {
    private final VolumeEngine engine;
    private final Inode inode;
    private final OpenMode mode;
    private final long dirIno;
    private final String dirPath;
    private final String name;
    private volatile boolean open = true;

    FileHandleImpl(VolumeEngine engine, Inode inode, OpenMode mode, long dirIno, String dirPath, String name) {
        this.engine = engine;
        this.inode = inode;
        this.mode = mode;
        this.dirIno = dirIno;
        this.dirPath = dirPath;
        this.name = name;
    }

    String pathForErrors() {
        return dirPath == null ? "inode " + inode.ino : (dirPath.equals("/") ? "/" : dirPath + "/") + name;
    }

    void modified(List<Runnable> ev) {
        engine.fireModified(ev, dirIno, dirPath, name);
    }

    private void checkOpen() throws VexfsException {
        if (!open) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": file handle is closed");
        }
    }

    @Override
    public long inode() {
        return inode.ino;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws VexfsException {
        checkOpen();
        if (!mode.read()) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": not opened for reading");
        }
        if (position < 0) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": negative position");
        }
        if (inode.isDir()) {
            throw new VexfsException(VexfsError.EISDIR, pathForErrors() + ": is a directory");
        }
        return engine.readFile(inode, position, dst);
    }

    @Override
    public int write(ByteBuffer src, long position) throws VexfsException {
        checkOpen();
        if (!mode.write() && !mode.append()) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": not opened for writing");
        }
        if (position < 0) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": negative position");
        }
        int n = engine.writeFile(this, inode, position, src, mode.append());
        if (mode.sync()) {
            engine.sync();
        }
        return n;
    }

    @Override
    public long size() throws VexfsException {
        checkOpen();
        return engine.sizeOf(inode);
    }

    @Override
    public void truncate(long size) throws VexfsException {
        checkOpen();
        if (!mode.write() && !mode.append()) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": not opened for writing");
        }
        if (size < 0) {
            throw new VexfsException(VexfsError.EINVAL, pathForErrors() + ": negative size");
        }
        engine.truncateFile(this, inode, size);
        if (mode.sync()) {
            engine.sync();
        }
    }

    @Override
    public void force(boolean metadata) throws VexfsException {
        checkOpen();
        if (!engine.isReadOnly()) {
            engine.sync();
        }
    }

    @Override
    public FileStat stat() throws VexfsException {
        checkOpen();
        return engine.statInode(inode);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws VexfsException {
        if (!open) {
            return;
        }
        open = false;
        engine.release(this, inode);
    }

    void closeQuietly() {
        try {
            close();
        } catch (VexfsException e) {
            // the volume is closing; its own close reports failures
        }
    }
}
