package io.vexfs.core;

/** Kinds of inode a v1 volume holds, with their {@code S_IFMT} bits and directory-entry codes. */
public enum FileType {
    REGULAR(0100000, 1),
    DIRECTORY(0040000, 2),
    SYMLINK(0120000, 3);

    /** Mask of the type bits in a mode. */
    public static final int S_IFMT = 0170000;

    private final int modeBits;
    private final int direntCode;

    FileType(int modeBits, int direntCode) {
        this.modeBits = modeBits;
        this.direntCode = direntCode;
    }

    public int modeBits() {
        return modeBits;
    }

    public int direntCode() {
        return direntCode;
    }

    /** The type of a mode, or null if the type bits are not a v1 type. */
    public static FileType ofMode(int mode) {
        int t = mode & S_IFMT;
        for (FileType f : values()) {
            if (f.modeBits == t) {
                return f;
            }
        }
        return null;
    }

    /** The type of a directory-entry code, or null if unknown. */
    public static FileType ofDirentCode(int code) {
        for (FileType f : values()) {
            if (f.direntCode == code) {
                return f;
            }
        }
        return null;
    }
}
