package io.vexfs.api;

/**
 * Every failure VexFS reports, each carrying the negative Linux errno it stands for.
 * The same table is generated into the kernel module's header, so Java and C agree.
 */
public enum VexfsError {
    EPERM(-1, "operation not permitted"),
    ENOENT(-2, "no such file or directory"),
    EIO(-5, "input/output error"),
    ENOMEM(-12, "out of memory"),
    EACCES(-13, "permission denied"),
    EBUSY(-16, "device or resource busy"),
    EEXIST(-17, "file exists"),
    EXDEV(-18, "cross-device link"),
    ENOTDIR(-20, "not a directory"),
    EISDIR(-21, "is a directory"),
    EINVAL(-22, "invalid argument"),
    EFBIG(-27, "file too large"),
    ENOSPC(-28, "no space left on device"),
    EROFS(-30, "read-only file system"),
    EMLINK(-31, "too many links"),
    ERANGE(-34, "result out of range"),
    ENAMETOOLONG(-36, "file name too long"),
    ENOTEMPTY(-39, "directory not empty"),
    ELOOP(-40, "too many levels of symbolic links"),
    ENODATA(-61, "no data available"),
    EBADMSG(-74, "bad message (checksum mismatch)"),
    EOVERFLOW(-75, "value too large for defined data type"),
    EOPNOTSUPP(-95, "operation not supported"),
    EUCLEAN(-117, "structure needs cleaning (corrupt image)");

    private final int errno;
    private final String description;

    VexfsError(int errno, String description) {
        this.errno = errno;
        this.description = description;
    }

    /** The negative Linux errno value, e.g. {@code -2} for {@link #ENOENT}. */
    public int errno() {
        return errno;
    }

    /** The strerror-style description. */
    public String description() {
        return description;
    }

    /** Exit status a command-line tool uses for this error: the positive errno. */
    public int exitCode() {
        return -errno;
    }

    /** The error with the given (negative or positive) errno. */
    public static VexfsError fromErrno(int errno) {
        int negative = errno > 0 ? -errno : errno;
        for (VexfsError e : values()) {
            if (e.errno == negative) {
                return e;
            }
        }
        throw new IllegalArgumentException("not a VexFS errno: " + errno);
    }
}
