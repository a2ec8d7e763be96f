/**
 * VexFS volumes through {@code java.nio.file}: the {@code vexfs} file system provider.
 *
 * <h2>Opening</h2>
 * <pre>{@code
 * FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:file:///data/photos.vexfs"),
 *         Map.of("create", "true", "size", "4g"));
 * Path a = fs.getPath("/albums/a.jpg");
 * Path same = Path.of(URI.create("vexfs:file:///data/photos.vexfs!/albums/a.jpg"));
 * }</pre>
 * URIs have the form {@code vexfs:<URI of the image>!/<path>} (the inner path percent-encoded UTF-8);
 * inside a zipfs {@code jar:} URI write the separator {@code %21/}, because zipfs splits at the first
 * {@code !/}. Environment keys: {@code create}, {@code size} (bytes or k/m/g/t, default 1g, sparse),
 * {@code readOnly}, {@code label}, {@code metadataCacheSize}, {@code inodeCacheEntries},
 * {@code dirtyLimit}, {@code uid}, {@code gid}, {@code userName}, {@code groupName}; unknown keys are
 * rejected. An image is open once per JVM; the core locks it against other writing processes.
 * {@code FileSystems.newFileSystem(Path)} opens existing images; to create one use the URI form (that
 * call asks zipfs first, which would create a zip).
 *
 * <h2>Behaviour</h2>
 * Semantics follow the JDK's Unix provider (the compatibility suite runs the same tests on both):
 * all open options, positional I/O, byte-range locks (a JVM-wide table: overlaps throw
 * {@link java.nio.channels.OverlappingFileLockException}), directory streams that page through the
 * volume with stable cursors, glob/regex matchers, hard and symbolic links, copy/move (a rename inside a
 * volume, copy-and-delete across), the views basic, posix, unix, owner, user ({@code user.} xattrs) and
 * {@code vexfs} ({@link io.vexfs.nio.VexfsFileAttributes}), a file store with statfs figures, and a watch
 * service fed by the core's change events. Errors carry the path and {@code "<ERRNO>: detail"}.
 * Permissions are enforced by the core for the configured {@code uid}/{@code gid}; new files and
 * directories get 0644/0755, requested permissions are masked with umask 022.
 *
 * <h2>Limits</h2>
 * {@code FileChannel.map} gives a read-only <em>copy</em> (no true mapping; other modes are
 * unsupported, and Lucene's MMapDirectory cannot use it: use NIOFSDirectory). {@code Path.toFile()} is
 * unsupported. {@link java.nio.file.SecureDirectoryStream} operations resolve against the directory's
 * path, and watch keys follow a directory's path, not its inode.
 */
package io.vexfs.nio;
