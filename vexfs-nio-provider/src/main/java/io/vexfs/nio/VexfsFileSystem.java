package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.core.ChangeListener;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * One open VexFS volume as a {@link FileSystem}. Closing it closes every channel, stream, directory
 * stream and watch service opened on it and then closes the volume durably.
 */
final class VexfsFileSystem extends FileSystem {
    private final VexfsFileSystemProvider provider;
    private final Path imageKey;
    private final URI imageUri;
    private final Volume volume;
    private final VexfsPath root;
    private final ResourceRegistry resources = new ResourceRegistry();
    private final FileLockTable locks = new FileLockTable();
    private final PrincipalDirectory principals;
    private final VexfsFileStore store;
    private final List<VexfsWatchService> watchers = new CopyOnWriteArrayList<>();
    private final ChangeListener changeFanOut = this::changed;
    private volatile boolean open = true;

    VexfsFileSystem(VexfsFileSystemProvider provider, Path imageKey, Volume volume, MountOptions options) {
        this.provider = provider;
        this.imageKey = imageKey;
        this.imageUri = imageKey.toUri();
        this.volume = volume;
        this.root = VexfsPath.root(this);
        this.principals = new PrincipalDirectory(options.volumeOptions().uid(), options.volumeOptions().gid(),
                options.userName(), options.groupName());
        this.store = new VexfsFileStore(this);
    }

    Volume volume() {
        return volume;
    }

    Path imageKey() {
        return imageKey;
    }

    URI imageUri() {
        return imageUri;
    }

    ResourceRegistry resources() {
        return resources;
    }

    FileLockTable locks() {
        return locks;
    }

    PrincipalDirectory principals() {
        return principals;
    }

    VexfsPath root() {
        return root;
    }

    VexfsFileStore store() {
        return store;
    }

    void ensureOpen() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
    }

    /** Throws {@link java.nio.file.ReadOnlyFileSystemException} (naming {@code path}) on a read-only volume. */
    void ensureWritable(Path path) {
        ensureOpen();
        if (volume.isReadOnly()) {
            throw new ReadOnlyVolumeException(path == null ? null : path.toString(),
                    "EROFS: volume " + imageKey + " is open read-only");
        }
    }

    @Override
    public VexfsFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        IOException failure = null;
        try {
            for (VexfsWatchService w : watchers) {
                w.close();
            }
            resources.closeAll();
        } catch (IOException e) {
            failure = e;
        }
        volume.removeChangeListener(changeFanOut);
        try {
            volume.close();
        } catch (VexfsException e) {
            IOException mapped = ExceptionMapper.map(e, root);
            if (failure == null) {
                failure = mapped;
            } else {
                failure.addSuppressed(mapped);
            }
        } finally {
            provider.forget(this);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return volume.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        ensureOpen();
        return List.of(root);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        ensureOpen();
        return List.of(store);
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return AttributeStrings.VIEWS;
    }

    @Override
    public VexfsPath getPath(String first, String... more) {
        if (more.length == 0) {
            return VexfsPath.parse(this, first);
        }
        StringBuilder sb = new StringBuilder(first);
        for (String segment : more) {
            if (!segment.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append('/');
                }
                sb.append(segment);
            }
        }
        return VexfsPath.parse(this, sb.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected 'glob:<pattern>' or 'regex:<pattern>', got '"
                    + syntaxAndPattern + "'");
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        Pattern regex;
        if (syntax.equalsIgnoreCase("glob")) {
            regex = Pattern.compile(GlobToRegex.translate(pattern));
        } else if (syntax.equalsIgnoreCase("regex")) {
            regex = Pattern.compile(pattern);
        } else {
            throw new UnsupportedOperationException("syntax '" + syntax + "' not recognized (glob or regex)");
        }
        return path -> regex.matcher(path.toString()).matches();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return principals;
    }

    @Override
    public WatchService newWatchService() {
        ensureOpen();
        VexfsWatchService service = new VexfsWatchService(this);
        synchronized (watchers) {
            if (watchers.isEmpty()) {
                // the core builds change events only while someone listens: listen only while watched
                volume.addChangeListener(changeFanOut);
            }
            watchers.add(service);
        }
        return service;
    }

    void watchServiceClosed(VexfsWatchService service) {
        synchronized (watchers) {
            if (watchers.remove(service) && watchers.isEmpty()) {
                volume.removeChangeListener(changeFanOut);
            }
        }
    }

    private void changed(String directoryPath, long directoryInode, String name, ChangeListener.Kind kind) {
        for (VexfsWatchService w : watchers) {
            w.changed(directoryPath, directoryInode, name, kind);
        }
    }

    @Override
    public String toString() {
        return VexfsUris.SCHEME + ":" + imageUri;
    }
}
