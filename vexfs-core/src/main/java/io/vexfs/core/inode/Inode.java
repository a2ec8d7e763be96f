package io.vexfs.core.inode;

import io.vexfs.core.FileStat;
import io.vexfs.core.FileType;
import io.vexfs.core.file.ExtentMap;
import io.vexfs.core.xattr.XattrList;

/**
 * The in-memory form of an inode. Mutated only under the volume's write lock; after a change the
 * engine marks it dirty and the inode table encodes it at commit.
 */
public final class Inode {
    public final long ino;
    public int mode;
    public int uid;
    public int gid;
    public long nlink;
    public long size;
    public long atime;
    public long mtime;
    public long ctime;
    public long crtime;
    public int generation;
    public int flags;
    public long xattrBlock;
    /** Inline symlink target bytes, when {@code INLINE_SYMLINK}. */
    public byte[] inlineSymlink;
    /** Data mapping; loaded with the inode. */
    public ExtentMap extents;
    /** Xattrs, loaded on first use (null until then). */
    public XattrList xattrs;
    /** Open handles pinning the inode. */
    public int openCount;

    public Inode(long ino) {
        this.ino = ino;
    }

    public FileType type() {
        return FileType.ofMode(mode);
    }

    public boolean isDir() {
        return type() == FileType.DIRECTORY;
    }

    /** Blocks owned: data, extent-tree nodes and the xattr block. */
    public long blocks() {
        return extents.mappedBlocks() + extents.treeBlockCount() + (xattrBlock != 0 ? 1 : 0);
    }

    public FileStat stat() {
        return new FileStat(ino, generation, type(), mode & 07777, nlink, uid, gid, size, blocks(), atime, mtime,
                ctime, crtime);
    }
}
