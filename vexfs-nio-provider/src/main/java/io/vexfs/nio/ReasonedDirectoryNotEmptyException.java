package io.vexfs.nio;

import java.io.Serial;
import java.nio.file.DirectoryNotEmptyException;

/** {@link DirectoryNotEmptyException} that also carries the errno reason (the JDK type only takes the path). */
final class ReasonedDirectoryNotEmptyException extends DirectoryNotEmptyException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String reason;

    ReasonedDirectoryNotEmptyException(String file, String reason) {
        super(file);
        this.reason = reason;
    }

    @Override
    public String getReason() {
        return reason;
    }
}
