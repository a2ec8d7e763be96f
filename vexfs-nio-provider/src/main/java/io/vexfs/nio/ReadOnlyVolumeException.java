package io.vexfs.nio;

import java.io.Serial;
import java.nio.file.ReadOnlyFileSystemException;

/** {@link ReadOnlyFileSystemException} that says which path a write was attempted on, and why. */
final class ReadOnlyVolumeException extends ReadOnlyFileSystemException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String message;

    ReadOnlyVolumeException(String path, String reason) {
        this.message = (path == null ? "" : path + ": ") + reason;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
