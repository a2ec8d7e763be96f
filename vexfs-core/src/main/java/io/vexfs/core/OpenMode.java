package io.vexfs.core;

/**
 * How {@link Volume#open} opens a file.
 *
 * @param read        reads allowed
 * @param write       writes allowed
 * @param append      every write goes to the end
 * @param create      create if absent
 * @param createNew   fail with EEXIST if present
 * @param truncate    truncate to 0 on open (with write)
 * @param followLinks follow a final symlink (false: ELOOP on a symlink, like O_NOFOLLOW)
 * @param permissions permissions of a created file
 * @param sync        every write is durable before it returns (SYNC / DSYNC)
 */
public record OpenMode(boolean read, boolean write, boolean append, boolean create, boolean createNew,
                       boolean truncate, boolean followLinks, int permissions, boolean sync) {
    /** Read-only, following links. */
    public static OpenMode readOnly() {
        return new OpenMode(true, false, false, false, false, false, true, 0644, false);
    }

    /** Write, create or truncate (like {@code Files.newOutputStream}). */
    public static OpenMode createTruncate() {
        return new OpenMode(false, true, false, true, false, true, true, 0644, false);
    }

    /** Read and write, create if absent. */
    public static OpenMode readWriteCreate() {
        return new OpenMode(true, true, false, true, false, false, true, 0644, false);
    }
}
