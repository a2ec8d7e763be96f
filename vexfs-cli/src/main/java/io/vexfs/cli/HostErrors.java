package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/** Maps I/O errors of the host file system to the errno table, so every failure has one exit status. */
final class HostErrors {
    private HostErrors() {
    }

    /** The errno-carrying equivalent of {@code e}; {@code path} names the host file when the exception does not. */
    static VexfsException toVexfs(IOException e, Path path) {
        if (e instanceof VexfsException ve) {
            return ve;
        }
        VexfsError error = switch (e) {
            case NoSuchFileException x -> VexfsError.ENOENT;
            case FileAlreadyExistsException x -> VexfsError.EEXIST;
            case DirectoryNotEmptyException x -> VexfsError.ENOTEMPTY;
            case NotDirectoryException x -> VexfsError.ENOTDIR;
            case AccessDeniedException x -> VexfsError.EACCES;
            case FileSystemLoopException x -> VexfsError.ELOOP;
            case NotLinkException x -> VexfsError.EINVAL;
            default -> fromReason(e.getMessage());
        };
        String file = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile()
                : path != null ? path.toString() : null;
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : error.description();
        if (e instanceof FileSystemException fse && fse.getOtherFile() != null) {
            file = file + " -> " + fse.getOtherFile();
        }
        String detail = (file == null ? "" : "host file " + file + ": ") + reason;
        return new VexfsException(error, detail, e);
    }

    private static VexfsError fromReason(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("no space left")) {
            return VexfsError.ENOSPC;
        }
        if (m.contains("read-only file system")) {
            return VexfsError.EROFS;
        }
        if (m.contains("is a directory")) {
            return VexfsError.EISDIR;
        }
        if (m.contains("file name too long")) {
            return VexfsError.ENAMETOOLONG;
        }
        if (m.contains("too large")) {
            return VexfsError.EFBIG;
        }
        return VexfsError.EIO;
    }
}
