package io.vexfs.nio;

import java.io.Serial;
import java.nio.file.NotDirectoryException;

/** {@link NotDirectoryException} that also carries the errno reason (the JDK type only takes the path). */
final class ReasonedNotDirectoryException extends NotDirectoryException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String reason;

    ReasonedNotDirectoryException(String file, String reason) {
        super(file);
        this.reason = reason;
    }

    @Override
    public String getReason() {
        return reason;
    }
}
