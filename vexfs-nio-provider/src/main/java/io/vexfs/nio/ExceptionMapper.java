package io.vexfs.nio;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one place where core errors ({@link VexfsError}) become the exceptions {@code java.nio.file} users
 * catch (DESIGN.md §3). Every result names the path(s) and carries {@code "<ERRNO>: detail"} as reason.
 */
final class ExceptionMapper {
    private ExceptionMapper() {
    }

    /** Maps a core failure on {@code file} (and {@code other}, for two-path operations). */
    static FileSystemException map(VexfsException e, Path file, Path other) {
        String f = file == null ? null : file.toString();
        String o = other == null ? null : other.toString();
        String reason = e.error().name() + ": " + e.detail() + " (" + e.error().description() + ")";
        FileSystemException mapped = switch (e.error()) {
            case ENOENT -> new NoSuchFileException(f, o, reason);
            case EEXIST -> new FileAlreadyExistsException(f, o, reason);
            case ENOTEMPTY -> new ReasonedDirectoryNotEmptyException(f, reason);
            case ENOTDIR -> new ReasonedNotDirectoryException(f, reason);
            case EACCES, EPERM -> new AccessDeniedException(f, o, reason);
            case EROFS -> throw new ReadOnlyVolumeException(f, reason);
            default -> new FileSystemException(f, o, reason);
        };
        mapped.initCause(e);
        return mapped;
    }

    static FileSystemException map(VexfsException e, Path file) {
        return map(e, file, null);
    }

    /** For a move that must be atomic: {@code EXDEV} becomes {@link AtomicMoveNotSupportedException}. */
    static FileSystemException mapAtomicMove(VexfsException e, Path source, Path target) {
        if (e.error() == VexfsError.EXDEV) {
            AtomicMoveNotSupportedException x = new AtomicMoveNotSupportedException(
                    source.toString(), target.toString(), "EXDEV: " + e.detail());
            x.initCause(e);
            return x;
        }
        return map(e, source, target);
    }

    /** A failure the provider itself detects, in the same form as a mapped core error. */
    static FileSystemException of(VexfsError error, Path file, Path other, String detail) {
        return map(new VexfsException(error, detail), file, other);
    }

    static FileSystemException of(VexfsError error, Path file, String detail) {
        return of(error, file, null, detail);
    }
}
