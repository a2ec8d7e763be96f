package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies volume objects out to the host: regular files (content, permissions, mtime/atime), directories
 * (recursively), symbolic links (as links) and hard links (volume inodes with several links become host hard links).
 */
final class VolumeToHostCopier {
    private static final int CHUNK = 1 << 20;
    private final Volume volume;
    private final CopyListener listener;
    private final Map<Long, Path> copiedInodes = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);

    VolumeToHostCopier(Volume volume, CopyListener listener) {
        this.volume = volume;
        this.listener = listener;
    }

    /** Copies the volume path {@code src} to the host path {@code dest} (the new name, not its parent). */
    void copy(String src, Path dest, boolean recursive) throws VexfsException {
        FileStat st = volume.stat(src, false);
        try {
            switch (st.type()) {
                case DIRECTORY -> {
                    if (!recursive) {
                        throw new VexfsException(VexfsError.EISDIR, src + ": is a directory (use -r)");
                    }
                    copyDirectory(src, dest, st);
                }
                case SYMLINK -> {
                    Files.deleteIfExists(dest);
                    Files.createSymbolicLink(dest, Path.of(volume.readlink(src)));
                    setTimes(dest, st, LinkOption.NOFOLLOW_LINKS);
                    listener.copied(src, 0);
                }
                case REGULAR -> copyFile(src, dest, st);
            }
        } catch (VexfsException e) {
            throw e;
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, dest);
        }
    }

    private void copyDirectory(String src, Path dest, FileStat st) throws IOException {
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            // merge into the existing directory
        } else if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new VexfsException(VexfsError.ENOTDIR, "host file " + dest + ": exists and is not a directory");
        } else {
            Files.createDirectory(dest);
        }
        for (DirEntry e : DirListing.sorted(volume, src)) {
            copy(VolumePaths.child(src, e.name()), dest.resolve(e.name()), true);
        }
        setPermissions(dest, st);
        setTimes(dest, st);
        listener.copied(src, 0);
    }

    private void copyFile(String src, Path dest, FileStat st) throws IOException {
        Path first = st.nlink() > 1 ? copiedInodes.get(st.inode()) : null;
        if (first != null) {
            Files.deleteIfExists(dest);
            Files.createLink(dest, first);
            listener.copied(src, 0);
            return;
        }
        if (Files.isSymbolicLink(dest)) {
            Files.delete(dest);
        }
        long total = 0;
        try (FileHandle in = volume.open(src, OpenMode.readOnly());
             FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                buffer.clear();
                int n = in.read(buffer, total);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                total += n;
            }
        }
        setPermissions(dest, st);
        setTimes(dest, st);
        if (st.nlink() > 1) {
            copiedInodes.put(st.inode(), dest);
        }
        listener.copied(src, total);
    }

    private static void setPermissions(Path dest, FileStat st) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dest, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixModes.fromBits(st.permissions()));
        }
    }

    private static void setTimes(Path dest, FileStat st, LinkOption... options) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dest, PosixFileAttributeView.class, options);
        if (view != null) {
            view.setTimes(FileTime.from(st.mtimeNanos(), TimeUnit.NANOSECONDS),
                    FileTime.from(st.atimeNanos(), TimeUnit.NANOSECONDS), null);
        }
    }
}
