package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.core.TimesUpdate;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The basic, posix, owner, unix and vexfs views of one path (one implementation, reported under the
 * name it was asked for). Nothing is read until a method is called.
 */
final class PathAttributeView implements VexfsFileAttributeView {
    private final String name;
    private final VexfsPath path;
    private final boolean follow;

    PathAttributeView(String name, VexfsPath path, boolean follow) {
        this.name = name;
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return name;
    }

    private VexfsFileSystem fs() {
        return path.getFileSystem();
    }

    @Override
    public VexfsFileAttributes readAttributes() throws IOException {
        VexfsFileSystem fs = fs();
        fs.ensureOpen();
        try {
            return new StatAttributes(fs.volume().stat(path.volumePath(), follow), fs.principals());
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
            throws IOException {
        VexfsFileSystem fs = fs();
        fs.ensureWritable(path);
        if (lastModifiedTime == null && lastAccessTime == null && createTime == null) {
            readAttributes(); // still reports a missing file
            return;
        }
        TimesUpdate update = new TimesUpdate(nanos(lastModifiedTime), nanos(lastAccessTime), nanos(createTime));
        try {
            fs.volume().setTimes(path.volumePath(), follow, update);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    private static Long nanos(FileTime t) {
        return t == null ? null : t.to(TimeUnit.NANOSECONDS);
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
        Objects.requireNonNull(perms, "perms");
        setMode(PermissionBits.toBits(perms));
    }

    void setMode(int permissions) throws IOException {
        VexfsFileSystem fs = fs();
        fs.ensureWritable(path);
        try {
            fs.volume().chmod(path.volumePath(), follow, permissions & 07777);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    void setIds(int uid, int gid) throws IOException {
        VexfsFileSystem fs = fs();
        fs.ensureWritable(path);
        try {
            fs.volume().chown(path.volumePath(), follow, uid, gid);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
        Objects.requireNonNull(group, "group");
        int gid = fs().principals().gidOf(group);
        setIds(readAttributes().uid(), gid);
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
        Objects.requireNonNull(owner, "owner");
        if (owner instanceof GroupPrincipal g) {
            setGroup(g);
            return;
        }
        int uid = fs().principals().uidOf(owner);
        setIds(uid, readAttributes().gid());
    }
}
