package io.vexfs.nio;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Access;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ProviderMismatchException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The {@code vexfs} file system provider. Opens VexFS volume images as {@link FileSystem}s:
 * <pre>{@code
 * FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:file:///data/photos.vexfs"),
 *         Map.of("create", "true", "size", "4g"));
 * Path p = Path.of(URI.create("vexfs:file:///data/photos.vexfs!/albums/a.jpg"));
 * }</pre>
 * Environment keys are described in {@link #newFileSystem(URI, Map)}. An image is open at most once per
 * JVM ({@link FileSystemAlreadyExistsException}); the core locks the image file against other processes.
 *
 * <p>{@code FileSystems.newFileSystem(Path, env)} offers the path to every installed provider; on the class
 * path the JDK's zipfs is asked first and, given {@code create=true} for an absent file, makes a <em>zip</em>
 * there. Create volumes through the URI form (or this provider's {@link #newFileSystem(Path, Map)});
 * opening an existing image by path works either way.
 */
public final class VexfsFileSystemProvider extends FileSystemProvider {
    private static final int DEFAULT_FILE_PERMISSIONS = 0644;
    private static final int DEFAULT_DIRECTORY_PERMISSIONS = 0755;
    private static final int UMASK = 022;

    private final Map<Path, VexfsFileSystem> filesystems = new HashMap<>();
    private volatile VolumeLauncher launcher;

    /** The provider as the service loader makes it: volumes come from the core engine. */
    public VexfsFileSystemProvider() {
        this(VolumeLauncher.CORE);
    }

    VexfsFileSystemProvider(VolumeLauncher launcher) {
        this.launcher = launcher;
    }

    /** Replaces how volumes are made and opened (tests run against a substitute volume). */
    void useLauncher(VolumeLauncher newLauncher) {
        this.launcher = newLauncher;
    }

    @Override
    public String getScheme() {
        return VexfsUris.SCHEME;
    }

    // ------------------------------------------------------------------ file systems

    /**
     * Opens the volume of {@code vexfs:<image URI>[!/]}. Environment (strings or typed values):
     * {@code create}, {@code size} (bytes or k/m/g/t suffix, default 1g), {@code readOnly}, {@code label},
     * {@code metadataCacheSize}, {@code inodeCacheEntries}, {@code dirtyLimit}, {@code uid}, {@code gid},
     * {@code userName}, {@code groupName}. Unknown keys are an {@link IllegalArgumentException}.
     */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        VexfsUris.Parts parts = VexfsUris.parse(uri);
        if (!parts.innerPath().equals("/")) {
            throw new IllegalArgumentException("a volume URI names the image only (optionally ending in !/): "
                    + uri);
        }
        return open(imagePath(parts.image()), env);
    }

    /**
     * Opens the volume in {@code image}. As {@code FileSystems.newFileSystem(Path, ...)} offers every path to
     * every provider, this claims only an existing VexFS image (by its superblock magic) or an absent
     * file named {@code *.vexfs}; anything else is an {@link UnsupportedOperationException}, so zipfs and
     * others still get their files. The URI form has no such restriction.
     */
    @Override
    public FileSystem newFileSystem(Path image, Map<String, ?> env) throws IOException {
        if (!ImageSniffer.claims(image)) {
            throw new UnsupportedOperationException("not a vexfs image (nor an absent *.vexfs file): " + image);
        }
        return open(image, env);
    }

    private FileSystem open(Path image, Map<String, ?> env) throws IOException {
        MountOptions options = MountOptions.fromEnv(env);
        synchronized (filesystems) {
            boolean exists = Files.exists(image);
            if (exists && filesystems.containsKey(key(image))) {
                throw new FileSystemAlreadyExistsException(image.toString());
            }
            if (!exists) {
                if (!options.create()) {
                    throw new NoSuchFileException(image.toString(), null,
                            "no vexfs image here; pass create=true to make one");
                }
                try {
                    launcher.mkfs(image, options.mkfsOptions());
                } catch (VexfsException e) {
                    throw ExceptionMapper.map(e, image);
                }
            }
            Path key = key(image);
            Volume volume;
            try {
                volume = launcher.open(key, options.volumeOptions());
            } catch (VexfsException e) {
                throw ExceptionMapper.map(e, image);
            }
            VexfsFileSystem fs = new VexfsFileSystem(this, key, volume, options);
            filesystems.put(key, fs);
            return fs;
        }
    }

    private static Path key(Path image) throws IOException {
        return image.toRealPath();
    }

    private static Path imagePath(URI image) {
        try {
            return Paths.get(image);
        } catch (FileSystemNotFoundException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot locate the image of " + image + ": " + e.getMessage(), e);
        }
    }

    void forget(VexfsFileSystem fs) {
        synchronized (filesystems) {
            filesystems.remove(fs.imageKey(), fs);
        }
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return openFileSystem(VexfsUris.parse(uri).image(), uri);
    }

    private VexfsFileSystem openFileSystem(URI image, URI uri) {
        Path imagePath = imagePath(image);
        Path key;
        try {
            key = key(imagePath);
        } catch (IOException e) {
            throw new FileSystemNotFoundException(uri + ": image not found (" + e.getMessage() + ")");
        }
        synchronized (filesystems) {
            VexfsFileSystem fs = filesystems.get(key);
            if (fs == null) {
                throw new FileSystemNotFoundException(uri + ": volume not open (use FileSystems.newFileSystem)");
            }
            return fs;
        }
    }

    @Override
    public Path getPath(URI uri) {
        VexfsUris.Parts parts = VexfsUris.parse(uri);
        return openFileSystem(parts.image(), uri).getPath(parts.innerPath());
    }

    // ------------------------------------------------------------------ helpers

    static VexfsPath toVexfsPath(Path path) {
        if (path == null) {
            throw new NullPointerException("path");
        }
        if (!(path instanceof VexfsPath p)) {
            throw new ProviderMismatchException("not a vexfs path: " + path + " (" + path.getClass().getName()
                    + ")");
        }
        return p;
    }

    private static boolean follow(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
            if (o == null) {
                throw new NullPointerException("null link option");
            }
        }
        return true;
    }

    private static Volume volume(VexfsPath p) {
        p.getFileSystem().ensureOpen();
        return p.getFileSystem().volume();
    }

    /** Permissions requested through {@code posix:permissions} attributes, else {@code dflt}; umask 022. */
    private static int permissionsOf(FileAttribute<?>[] attrs, int dflt) {
        int perms = dflt;
        for (FileAttribute<?> a : attrs) {
            String name = a.name();
            if (name.equals("posix:permissions") || name.equals("unix:permissions")
                    || name.equals("vexfs:permissions")) {
                perms = PermissionBits.toBits((Set<?>) a.value()) & ~UMASK;
            } else {
                throw new UnsupportedOperationException("'" + name + "' cannot be set initially");
            }
        }
        return perms;
    }

    FileStat stat(VexfsPath p, boolean follow) throws IOException {
        try {
            return volume(p).stat(p.volumePath(), follow);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    private Optional<FileStat> tryStat(VexfsPath p, boolean follow) throws IOException {
        try {
            return volume(p).tryStat(p.volumePath(), follow);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    // ------------------------------------------------------------------ channels

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        VexfsPath p = toVexfsPath(path);
        OpenRequest request = OpenRequest.of(options);
        return open(p, request, permissionsOf(attrs, DEFAULT_FILE_PERMISSIONS));
    }

    /** As the JDK's default, but without building an option set per call ({@code Files.write} lands here). */
    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        VexfsPath p = toVexfsPath(path);
        return Channels.newOutputStream(open(p, OpenRequest.forOutput(options), DEFAULT_FILE_PERMISSIONS));
    }

    /** As the JDK's default, but without building an option set per call. */
    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        VexfsPath p = toVexfsPath(path);
        return Channels.newInputStream(open(p, OpenRequest.forInput(options), DEFAULT_FILE_PERMISSIONS));
    }

    private VexfsFileChannel open(VexfsPath p, OpenRequest request, int permissions) throws IOException {
        VexfsFileSystem fs = p.getFileSystem();
        fs.ensureOpen();
        if (request.write()) {
            fs.ensureWritable(p);
        }
        Volume volume = fs.volume();
        FileHandle handle;
        try {
            handle = volume.open(p.volumePath(), request.toMode(permissions));
        } catch (VexfsException e) {
            if (e.error() != VexfsError.EISDIR || request.write()) {
                throw ExceptionMapper.map(e, p);
            }
            handle = openDirectory(volume, p, request);
        }
        VexfsFileChannel channel = new VexfsFileChannel(fs, p, handle, request);
        fs.resources().add(channel.registration());
        if (!fs.isOpen()) {
            channel.close();
            fs.ensureOpen();
        }
        return channel;
    }

    /** A directory opened for reading (POSIX allows it; Lucene does it to fsync directories). */
    private static FileHandle openDirectory(Volume volume, VexfsPath p, OpenRequest request) throws IOException {
        try {
            FileStat st = volume.stat(p.volumePath(), request.followLinks());
            return new DirectoryHandle(volume, p.volumePath(), st.inode());
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
                                                              ExecutorService executor,
                                                              FileAttribute<?>... attrs) throws IOException {
        VexfsFileChannel channel = (VexfsFileChannel) newFileChannel(path, options, attrs);
        VexfsAsynchronousFileChannel async = new VexfsAsynchronousFileChannel(channel, executor);
        channel.path().getFileSystem().resources().add(async.registration());
        return async;
    }

    void deleteOnClose(VexfsPath path) throws VexfsException {
        Volume volume = path.getFileSystem().volume();
        Optional<FileStat> st = volume.tryStat(path.volumePath(), false);
        if (st.isPresent() && !st.get().isDirectory()) {
            volume.unlink(path.volumePath());
        }
    }

    // ------------------------------------------------------------------ directories

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        VexfsPath p = toVexfsPath(dir);
        FileStat st = stat(p, true);
        if (!st.isDirectory()) {
            throw ExceptionMapper.of(VexfsError.ENOTDIR, p, "not a directory: " + p);
        }
        VexfsDirectoryStream stream = new VexfsDirectoryStream(p, st.inode(), st.generation(),
                filter == null ? e -> true : filter);
        p.getFileSystem().resources().add(stream.registration());
        return stream;
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        VexfsPath p = toVexfsPath(dir);
        int permissions = permissionsOf(attrs, DEFAULT_DIRECTORY_PERMISSIONS);
        p.getFileSystem().ensureWritable(p);
        try {
            volume(p).mkdir(p.volumePath(), permissions);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        VexfsPath p = toVexfsPath(link);
        VexfsPath t = toVexfsPath(target);
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("initial attributes of a symbolic link: " + attrs[0].name());
        }
        p.getFileSystem().ensureWritable(p);
        try {
            volume(p).symlink(p.volumePath(), t.toString());
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        VexfsPath p = toVexfsPath(link);
        VexfsPath e = toVexfsPath(existing);
        if (e.getFileSystem() != p.getFileSystem()) {
            throw ExceptionMapper.of(VexfsError.EXDEV, p, e, "hard link across volumes");
        }
        p.getFileSystem().ensureWritable(p);
        try {
            volume(p).link(e.volumePath(), p.volumePath());
        } catch (VexfsException x) {
            throw ExceptionMapper.map(x, p, e);
        }
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        VexfsPath p = toVexfsPath(link);
        try {
            return p.getFileSystem().getPath(volume(p).readlink(p.volumePath()));
        } catch (VexfsException e) {
            if (e.error() == VexfsError.EINVAL) {
                NotLinkException x = new NotLinkException(p.toString(), null, "EINVAL: " + e.detail());
                x.initCause(e);
                throw x;
            }
            throw ExceptionMapper.map(e, p);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        VexfsPath p = toVexfsPath(path);
        p.getFileSystem().ensureWritable(p);
        Volume volume = volume(p);
        String name = p.volumePath();
        try {
            try {
                volume.unlink(name);
            } catch (VexfsException e) {
                if (e.error() != VexfsError.EISDIR) {
                    throw e;
                }
                volume.rmdir(name);
            }
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    // ------------------------------------------------------------------ copy and move

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        CopyMove.copy(toVexfsPath(source), toVexfsPath(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        CopyMove.move(toVexfsPath(source), toVexfsPath(target), options);
    }

    // ------------------------------------------------------------------ queries

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        VexfsPath p = toVexfsPath(path);
        if (p.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof VexfsPath p2) || p2.getFileSystem() != p.getFileSystem()) {
            return false;
        }
        FileStat a = stat(p, true);
        FileStat b = stat(p2, true);
        return a.inode() == b.inode() && a.generation() == b.generation();
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        VexfsPath p = toVexfsPath(path);
        p.getFileSystem().ensureOpen();
        VexfsPath name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        VexfsPath p = toVexfsPath(path);
        stat(p, true);
        return p.getFileSystem().store();
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        VexfsPath p = toVexfsPath(path);
        Volume volume = volume(p);
        int mask = 0;
        for (AccessMode m : modes) {
            switch (m) {
                case READ -> mask |= Access.READ;
                case WRITE -> mask |= Access.WRITE;
                case EXECUTE -> mask |= Access.EXECUTE;
            }
        }
        try {
            volume.stat(p.volumePath(), true);
            if ((mask & Access.WRITE) != 0 && volume.isReadOnly()) {
                throw new AccessDeniedException(p.toString(), null, "EROFS: read-only volume");
            }
            if (mask != 0) {
                volume.checkAccess(p.volumePath(), mask);
            }
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, p);
        }
    }

    VexfsPath realPath(VexfsPath path, LinkOption... options) throws IOException {
        VexfsPath abs = path.toAbsolutePath();
        if (!follow(options)) {
            stat(abs, false);
            return abs.normalize();
        }
        try {
            return abs.getFileSystem().getPath(volume(abs).realPath(abs.volumePath()));
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    // ------------------------------------------------------------------ attributes

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        VexfsPath p = toVexfsPath(path);
        boolean follow = follow(options);
        if (type == BasicFileAttributeView.class) {
            return (V) new PathAttributeView("basic", p, follow);
        }
        if (type == PosixFileAttributeView.class) {
            return (V) new PathAttributeView("posix", p, follow);
        }
        if (type == FileOwnerAttributeView.class) {
            return (V) new PathAttributeView("owner", p, follow);
        }
        if (type == VexfsFileAttributeView.class) {
            return (V) new PathAttributeView("vexfs", p, follow);
        }
        if (type == UserDefinedFileAttributeView.class) {
            return (V) new UserXattrView(p, follow);
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type != BasicFileAttributes.class && type != PosixFileAttributes.class
                && type != VexfsFileAttributes.class) {
            throw new UnsupportedOperationException("attributes " + type.getName() + " are not available");
        }
        VexfsPath p = toVexfsPath(path);
        return (A) new StatAttributes(stat(p, follow(options)), p.getFileSystem().principals());
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        VexfsPath p = toVexfsPath(path);
        p.getFileSystem().ensureOpen();
        return AttributeStrings.read(p, attributes, follow(options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
            throws IOException {
        VexfsPath p = toVexfsPath(path);
        p.getFileSystem().ensureOpen();
        AttributeStrings.set(p, attribute, value, follow(options));
    }

    @Override
    public boolean exists(Path path, LinkOption... options) {
        VexfsPath p = toVexfsPath(path);
        try {
            return tryStat(p, follow(options)).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributesIfExists(Path path, Class<A> type,
                                                                    LinkOption... options) throws IOException {
        VexfsPath p = toVexfsPath(path);
        try {
            return readAttributes(p, type, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
