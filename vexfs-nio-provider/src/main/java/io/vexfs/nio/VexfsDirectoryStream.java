package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Entries of one directory, read lazily in pages through {@code Volume.readdir} with stable cursors, so
 * a listing survives concurrent changes (each entry is reported at most once).
 *
 * <p>The {@link SecureDirectoryStream} operations take paths relative to this directory, which the
 * stream holds by identity (inode and generation), as a directory file descriptor does: after the
 * directory is renamed or moved they act in its new place, after it is removed they fail with
 * {@code NoSuchFileException}. The listing follows it the same way.
 */
final class VexfsDirectoryStream implements SecureDirectoryStream<Path> {
    private static final int PAGE = 256;

    private final VexfsPath dir;
    private final long inode;
    private final int generation;
    private final DirectoryStream.Filter<? super Path> filter;
    private volatile VexfsPath lastKnown;
    /** This resource's link in the file system's {@link ResourceRegistry}. */
    private final ResourceRegistry.Node registration = new ResourceRegistry.Node(this);
    private volatile boolean closed;
    private boolean iteratorTaken;

    VexfsDirectoryStream(VexfsPath dir, long inode, int generation, DirectoryStream.Filter<? super Path> filter) {
        this.dir = dir;
        this.inode = inode;
        this.generation = generation;
        this.filter = filter;
        this.lastKnown = dir;
    }

    /**
     * The directory's path now (it may have been renamed since the stream was opened): the last
     * known path while it still names this directory (one lookup), else found by identity.
     */
    private VexfsPath current() throws IOException {
        VexfsPath known = lastKnown;
        try {
            io.vexfs.core.FileStat st = dir.getFileSystem().volume().stat(known.volumePath(), true);
            if (st.inode() == inode && st.generation() == generation) {
                return known;
            }
        } catch (VexfsException e) {
            // moved away or removed: look it up by identity
        }
        try {
            known = dir.getFileSystem().getPath(dir.getFileSystem().volume().directoryPath(inode, generation));
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, dir);
        }
        lastKnown = known;
        return known;
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClosedDirectoryStreamException();
        }
        dir.getFileSystem().ensureOpen();
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed) {
            throw new IllegalStateException("directory stream is closed: " + dir);
        }
        dir.getFileSystem().ensureOpen();
        if (iteratorTaken) {
            throw new IllegalStateException("iterator already obtained");
        }
        iteratorTaken = true;
        return new Pages();
    }

    ResourceRegistry.Node registration() {
        return registration;
    }

    @Override
    public void close() {
        closed = true;
        dir.getFileSystem().resources().remove(registration);
    }

    /** Iterates page by page; stops quietly once the stream is closed, as the JDK's streams do. */
    private final class Pages implements Iterator<Path> {
        private final ArrayDeque<Path> ready = new ArrayDeque<>();
        private DirCursor cursor;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !exhausted && !closed) {
                fetch();
            }
            return !closed && !ready.isEmpty();
        }

        private void fetch() {
            List<DirEntry> page;
            try {
                dir.getFileSystem().ensureOpen();
                page = dir.getFileSystem().volume().readdir(current().volumePath(), cursor, PAGE);
            } catch (VexfsException e) {
                throw new DirectoryIteratorException(ExceptionMapper.map(e, dir));
            } catch (IOException e) {
                throw new DirectoryIteratorException(e);
            }
            if (page.size() < PAGE) {
                exhausted = true;
            }
            for (DirEntry entry : page) {
                cursor = entry.cursor();
                Path child = dir.child(entry.name());
                try {
                    if (filter.accept(child)) {
                        ready.add(child);
                    }
                } catch (IOException e) {
                    throw new DirectoryIteratorException(e);
                }
            }
        }

        @Override
        public Path next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.removeFirst();
        }
    }

    // --------------------------------------------------------- SecureDirectoryStream

    private VexfsPath relative(Path path) throws IOException {
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(path);
        return p.isAbsolute() ? p : current().resolve(p);
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
        ensureOpen();
        VexfsPath p = relative(path);
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS && dir.getFileSystem().provider().stat(p, false).isSymlink()) {
                throw ExceptionMapper.of(io.vexfs.api.VexfsError.ENOTDIR, p, "symbolic link, NOFOLLOW_LINKS");
            }
        }
        return (SecureDirectoryStream<Path>) dir.getFileSystem().provider().newDirectoryStream(p, e -> true);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        ensureOpen();
        return dir.getFileSystem().provider().newByteChannel(relative(path), options, attrs);
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        ensureOpen();
        VexfsPath p = relative(path);
        if (dir.getFileSystem().provider().stat(p, false).isDirectory()) {
            throw ExceptionMapper.of(io.vexfs.api.VexfsError.EISDIR, p, "deleteFile on a directory");
        }
        dir.getFileSystem().provider().delete(p);
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        ensureOpen();
        VexfsPath p = relative(path);
        if (!dir.getFileSystem().provider().stat(p, false).isDirectory()) {
            throw ExceptionMapper.of(io.vexfs.api.VexfsError.ENOTDIR, p, "deleteDirectory on a non-directory");
        }
        dir.getFileSystem().provider().delete(p);
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath) throws IOException {
        ensureOpen();
        if (!(targetdir instanceof VexfsDirectoryStream target)) {
            throw new java.nio.file.ProviderMismatchException("target directory stream of another provider");
        }
        target.ensureOpen();
        dir.getFileSystem().provider().move(relative(srcpath), target.relative(targetpath),
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        ensureOpen();
        return dir.getFileSystem().provider().getFileAttributeView(currentOrOriginal(), type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        ensureOpen();
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(path);
        return dir.getFileSystem().provider().getFileAttributeView(p.isAbsolute() ? p : currentOrOriginal().resolve(p),
                type, options);
    }

    /** Views cannot throw when created: a removed directory gives a view whose operations fail. */
    private VexfsPath currentOrOriginal() {
        try {
            return current();
        } catch (IOException e) {
            return dir;
        }
    }
}
