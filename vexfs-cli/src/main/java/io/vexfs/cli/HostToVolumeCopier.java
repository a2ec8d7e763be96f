package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.OpenMode;
import io.vexfs.core.TimesUpdate;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies host files into a volume: regular files (content, permissions, mtime/atime), directories (recursively),
 * symbolic links (as links) and hard links (files sharing a host inode share one volume inode).
 * Existing regular files at the destination are overwritten; existing directories are merged into.
 */
final class HostToVolumeCopier {
    private static final int CHUNK = 1 << 20;
    private final Volume volume;
    private final CopyListener listener;
    private final Map<Object, String> copiedInodes = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);

    HostToVolumeCopier(Volume volume, CopyListener listener) {
        this.volume = volume;
        this.listener = listener;
    }

    /** Copies {@code src} to the volume path {@code dest} (which is the new name, not its parent). */
    void copy(Path src, String dest, boolean recursive) throws VexfsException {
        PosixFileAttributes a = attributes(src);
        if (a.isDirectory()) {
            if (!recursive) {
                throw new VexfsException(VexfsError.EISDIR, "host directory " + src + ": use -r to copy directories");
            }
            copyDirectory(src, dest, a);
        } else if (a.isSymbolicLink()) {
            replaceNonDirectory(dest);
            String target;
            try {
                target = Files.readSymbolicLink(src).toString();
            } catch (IOException e) {
                throw HostErrors.toVexfs(e, src);
            }
            volume.symlink(dest, target);
            volume.setTimes(dest, false, times(a));
            listener.copied(dest, 0);
        } else if (a.isRegularFile()) {
            copyFile(src, dest, a);
        } else {
            listener.skipped(src.toString(), "not a regular file, directory or symlink");
        }
    }

    private void copyDirectory(Path src, String dest, PosixFileAttributes a) throws VexfsException {
        Optional<FileStat> existing = volume.tryStat(dest, true);
        if (existing.isEmpty()) {
            volume.mkdir(dest, PosixModes.toBits(a.permissions()));
        } else if (!existing.get().isDirectory()) {
            throw new VexfsException(VexfsError.ENOTDIR, dest + ": exists and is not a directory");
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(src)) {
            ds.forEach(children::add);
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, src);
        }
        children.sort(null);
        for (Path c : children) {
            copy(c, VolumePaths.child(dest, c.getFileName().toString()), true);
        }
        volume.chmod(dest, true, PosixModes.toBits(a.permissions()));
        volume.setTimes(dest, true, times(a));
        listener.copied(dest, 0);
    }

    private void copyFile(Path src, String dest, PosixFileAttributes a) throws VexfsException {
        Object key = a.fileKey();
        String first = key == null ? null : copiedInodes.get(key);
        if (first != null) {
            replaceNonDirectory(dest);
            volume.link(first, dest);
            listener.copied(dest, 0);
            return;
        }
        Optional<FileStat> existing = volume.tryStat(dest, false);
        if (existing.isPresent() && existing.get().isSymlink()) {
            volume.unlink(dest);
        }
        int perms = PosixModes.toBits(a.permissions());
        OpenMode mode = new OpenMode(false, true, false, true, false, true, false, perms, false);
        long total = 0;
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
             FileHandle out = volume.open(dest, mode)) {
            while (true) {
                buffer.clear();
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                out.write(buffer, total);
                total += n;
            }
        } catch (VexfsException e) {
            throw e;
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, src);
        }
        volume.chmod(dest, false, perms);
        volume.setTimes(dest, false, times(a));
        if (key != null && a.isRegularFile() && linkCount(src) > 1) {
            copiedInodes.put(key, dest);
        }
        listener.copied(dest, total);
    }

    private void replaceNonDirectory(String dest) throws VexfsException {
        Optional<FileStat> existing = volume.tryStat(dest, false);
        if (existing.isPresent()) {
            if (existing.get().isDirectory()) {
                throw new VexfsException(VexfsError.EISDIR, dest + ": is a directory");
            }
            volume.unlink(dest);
        }
    }

    private static long linkCount(Path src) throws VexfsException {
        try {
            Object n = Files.getAttribute(src, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return n instanceof Number num ? num.longValue() : 1;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, src);
        }
    }

    static PosixFileAttributes attributes(Path src) throws VexfsException {
        try {
            return Files.readAttributes(src, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, src);
        }
    }

    private static TimesUpdate times(PosixFileAttributes a) {
        return new TimesUpdate(nanos(a.lastModifiedTime()), nanos(a.lastAccessTime()), null);
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
