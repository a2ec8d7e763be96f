package io.vexfs.api;

import java.io.IOException;

/** An {@link IOException} that carries a {@link VexfsError} and a detail naming what and where. */
public class VexfsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final VexfsError error;
    private final String detail;

    public VexfsException(VexfsError error, String detail) {
        super(error.name() + ": " + detail);
        this.error = error;
        this.detail = detail;
    }

    public VexfsException(VexfsError error, String detail, Throwable cause) {
        super(error.name() + ": " + detail, cause);
        this.error = error;
        this.detail = detail;
    }

    /** The error code. */
    public VexfsError error() {
        return error;
    }

    /** What failed and where (path, inode, block). */
    public String detail() {
        return detail;
    }
}
