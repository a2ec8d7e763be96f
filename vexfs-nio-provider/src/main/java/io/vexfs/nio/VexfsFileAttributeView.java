package io.vexfs.nio;

import java.io.IOException;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The {@code "vexfs"} attribute view: everything of the POSIX view, read as {@link VexfsFileAttributes}.
 * String attributes: the POSIX ones plus {@code inode}, {@code generation}, {@code blocks}, {@code nlink},
 * {@code mode}, {@code uid}, {@code gid}, {@code ctime}, and {@code vectorSpaces} (names of the vector spaces
 * holding a vector of the file; string form only).
 */
public interface VexfsFileAttributeView extends PosixFileAttributeView {

    @Override
    String name();

    @Override
    VexfsFileAttributes readAttributes() throws IOException;
}
