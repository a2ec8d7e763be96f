/** The {@code vexfs} {@link java.nio.file.spi.FileSystemProvider}: VexFS volumes through {@code java.nio.file}. */
module io.vexfs.nio {
    requires transitive io.vexfs.core;

    exports io.vexfs.nio;

    provides java.nio.file.spi.FileSystemProvider with io.vexfs.nio.VexfsFileSystemProvider;
}
