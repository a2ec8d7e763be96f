package io.vexfs.nio;

import io.vexfs.core.FileStat;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@link VexfsFileAttributes} of one {@link FileStat} snapshot. */
final class StatAttributes implements VexfsFileAttributes {
    private final FileStat stat;
    private final PrincipalDirectory principals;

    StatAttributes(FileStat stat, PrincipalDirectory principals) {
        this.stat = stat;
        this.principals = principals;
    }

    static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public FileTime lastModifiedTime() {
        return time(stat.mtimeNanos());
    }

    @Override
    public FileTime lastAccessTime() {
        return time(stat.atimeNanos());
    }

    @Override
    public FileTime creationTime() {
        return time(stat.crtimeNanos());
    }

    @Override
    public boolean isRegularFile() {
        return stat.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
        return stat.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return stat.isSymlink();
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public long size() {
        return stat.size();
    }

    @Override
    public Object fileKey() {
        return new FileKey(stat.inode(), stat.generation());
    }

    @Override
    public UserPrincipal owner() {
        return principals.user(stat.uid());
    }

    @Override
    public GroupPrincipal group() {
        return principals.group(stat.gid());
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return PermissionBits.toSet(stat.permissions());
    }

    @Override
    public long inode() {
        return stat.inode();
    }

    @Override
    public int generation() {
        return stat.generation();
    }

    @Override
    public long blocks() {
        return stat.blocks();
    }

    @Override
    public long linkCount() {
        return stat.nlink();
    }

    @Override
    public int mode() {
        return stat.mode();
    }

    @Override
    public int uid() {
        return stat.uid();
    }

    @Override
    public int gid() {
        return stat.gid();
    }

    @Override
    public FileTime changeTime() {
        return time(stat.ctimeNanos());
    }
}
