package io.vexfs.nio;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.OpenMode;
import io.vexfs.core.TimesUpdate;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code Files.copy} and {@code Files.move} between vexfs paths, with the JDK Unix provider's rules:
 * an existing target needs REPLACE_EXISTING (a non-empty directory is never replaced); a copy takes the
 * source's permissions, and with COPY_ATTRIBUTES its times, owner and user xattrs too; a move inside a
 * volume is a rename (atomic); across volumes it is copy-then-delete, and ATOMIC_MOVE is refused.
 */
final class CopyMove {
    private static final int CHUNK = 128 * 1024;

    private CopyMove() {
    }

    private record Flags(boolean replace, boolean copyAttributes, boolean follow, boolean atomic) {
        static Flags of(CopyOption[] options, boolean forMove) {
            boolean replace = false, copyAttributes = false, follow = !forMove, atomic = false;
            for (CopyOption o : options) {
                if (o == StandardCopyOption.REPLACE_EXISTING) {
                    replace = true;
                } else if (o == StandardCopyOption.COPY_ATTRIBUTES) {
                    copyAttributes = true;
                } else if (o == LinkOption.NOFOLLOW_LINKS) {
                    follow = false;
                } else if (o == StandardCopyOption.ATOMIC_MOVE && forMove) {
                    atomic = true;
                } else if (o == null) {
                    throw new NullPointerException("null copy option");
                } else {
                    throw new UnsupportedOperationException("unsupported copy option: " + o);
                }
            }
            return new Flags(replace, copyAttributes, follow, atomic);
        }
    }

    static void copy(VexfsPath source, VexfsPath target, CopyOption... options) throws IOException {
        Flags flags = Flags.of(options, false);
        target.getFileSystem().ensureWritable(target);
        source.getFileSystem().ensureOpen();
        VexfsFileSystemProvider provider = source.getFileSystem().provider();
        FileStat st = provider.stat(source, flags.follow());
        if (!prepareTarget(source, target, flags.replace())) {
            return;
        }
        copyObject(source, target, st, flags);
    }

    /** Clears the way for the target; false if source and target are the same file (nothing to do). */
    private static boolean prepareTarget(VexfsPath source, VexfsPath target, boolean replace) throws IOException {
        VexfsFileSystemProvider provider = target.getFileSystem().provider();
        Optional<FileStat> existing;
        try {
            existing = target.getFileSystem().volume().tryStat(target.volumePath(), false);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, target);
        }
        if (existing.isEmpty()) {
            return true;
        }
        if (source.getFileSystem() == target.getFileSystem()) {
            try {
                FileStat s = source.getFileSystem().volume().stat(source.volumePath(), false);
                if (s.inode() == existing.get().inode() && s.generation() == existing.get().generation()) {
                    return false;
                }
            } catch (VexfsException e) {
                throw ExceptionMapper.map(e, source);
            }
        }
        if (!replace) {
            throw new FileAlreadyExistsException(target.toString(), null, "EEXIST: target exists");
        }
        provider.delete(target);
        return true;
    }

    private static void copyData(Volume fromVolume, String from, boolean follow, Volume toVolume, String to,
                                 int permissions) throws VexfsException {
        OpenMode read = new OpenMode(true, false, false, false, false, false, follow, 0, false);
        OpenMode write = new OpenMode(false, true, false, true, true, false, false, permissions, false);
        try (FileHandle in = fromVolume.open(from, read); FileHandle out = toVolume.open(to, write)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = 0;
            int n;
            while ((n = in.read(buffer.clear(), position)) > 0) {
                buffer.flip();
                out.write(buffer, position);
                position += n;
            }
        }
    }

    private static void copyAttributes(Volume fromVolume, String from, boolean follow, FileStat st,
                                       Volume toVolume, String to) throws VexfsException {
        if (!st.isSymlink()) {
            toVolume.chmod(to, false, st.permissions());
        }
        try {
            toVolume.chown(to, false, st.uid(), st.gid());
        } catch (VexfsException e) {
            if (e.error() != VexfsError.EPERM && e.error() != VexfsError.EACCES) {
                throw e;
            }
            // like the Unix provider: the owner is copied only when permitted
        }
        for (String name : fromVolume.listXattrs(from, follow)) {
            if (name.startsWith(UserXattrView.NAMESPACE)) {
                Optional<byte[]> value = fromVolume.getXattr(from, follow, name);
                if (value.isPresent()) {
                    toVolume.setXattr(to, false, name, value.get());
                }
            }
        }
        toVolume.setTimes(to, false, new TimesUpdate(st.mtimeNanos(), st.atimeNanos(), st.crtimeNanos()));
    }

    private static void copyObject(VexfsPath source, VexfsPath target, FileStat st, Flags flags)
            throws IOException {
        Volume from = source.getFileSystem().volume();
        Volume to = target.getFileSystem().volume();
        try {
            switch (st.type()) {
                case DIRECTORY -> to.mkdir(target.volumePath(), st.permissions());
                case SYMLINK -> to.symlink(target.volumePath(), from.readlink(source.volumePath()));
                case REGULAR -> copyData(from, source.volumePath(), flags.follow(), to, target.volumePath(),
                        st.permissions());
            }
            if (flags.copyAttributes()) {
                copyAttributes(from, source.volumePath(), flags.follow(), st, to, target.volumePath());
            }
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, source, target);
        }
    }

    static void move(VexfsPath source, VexfsPath target, CopyOption... options) throws IOException {
        Flags flags = Flags.of(options, true);
        source.getFileSystem().ensureWritable(source);
        target.getFileSystem().ensureWritable(target);
        if (source.getFileSystem() != target.getFileSystem()) {
            if (flags.atomic()) {
                throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
                        "EXDEV: source and target are on different volumes");
            }
            moveAcrossVolumes(source, target, flags);
            return;
        }
        Volume volume = source.getFileSystem().volume();
        if (flags.atomic()) {
            try {
                volume.rename(source.volumePath(), target.volumePath(), false);
            } catch (VexfsException e) {
                throw ExceptionMapper.mapAtomicMove(e, source, target);
            }
            return;
        }
        VexfsFileSystemProvider provider = source.getFileSystem().provider();
        FileStat st = provider.stat(source, false);
        try {
            Optional<FileStat> existing = volume.tryStat(target.volumePath(), false);
            if (existing.isPresent()) {
                FileStat t = existing.get();
                if (t.inode() == st.inode() && t.generation() == st.generation()) {
                    return;
                }
                if (!flags.replace()) {
                    throw new FileAlreadyExistsException(target.toString(), null, "EEXIST: target exists");
                }
                if (t.isDirectory() || st.isDirectory() != t.isDirectory()) {
                    provider.delete(target);
                }
            }
            volume.rename(source.volumePath(), target.volumePath(), false);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, source, target);
        }
    }

    private static void moveAcrossVolumes(VexfsPath source, VexfsPath target, Flags flags) throws IOException {
        VexfsFileSystemProvider provider = source.getFileSystem().provider();
        FileStat st = provider.stat(source, false);
        if (st.isDirectory()) {
            try (var entries = provider.newDirectoryStream(source, e -> true)) {
                if (entries.iterator().hasNext()) {
                    throw new DirectoryNotEmptyException(source.toString());
                }
            }
        }
        CopyOption[] copyOptions = flags.replace()
                ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS}
                : new CopyOption[] {StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS};
        copy(source, target, copyOptions);
        provider.delete(source);
    }
}
