package io.vexfs.nio;

import io.vexfs.core.ChangeListener;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Watches directories of one volume. Driven by the core's {@link ChangeListener} events as they commit
 * (no polling). A key belongs to the directory itself (its inode), as an inotify watch does: after the
 * directory is renamed or moved its key keeps receiving its events (names relative to it); events of a
 * new directory created at the old path do not reach it.
 */
final class VexfsWatchService implements WatchService {
    private static final WatchKey CLOSE_SENTINEL = new VexfsWatchKey(null, null, 0, Set.of());

    private final VexfsFileSystem fs;
    private final Map<Long, VexfsWatchKey> keys = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<WatchKey> ready = new LinkedBlockingDeque<>();
    private volatile boolean open = true;

    VexfsWatchService(VexfsFileSystem fs) {
        this.fs = fs;
    }

    VexfsFileSystem fileSystem() {
        return fs;
    }

    WatchKey register(VexfsPath dir, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        ensureOpen();
        if (modifiers.length > 0) {
            throw new UnsupportedOperationException("watch modifier " + modifiers[0] + " is not supported");
        }
        Set<WatchEvent.Kind<?>> kinds = new HashSet<>();
        for (WatchEvent.Kind<?> kind : events) {
            if (kind == StandardWatchEventKinds.ENTRY_CREATE || kind == StandardWatchEventKinds.ENTRY_DELETE
                    || kind == StandardWatchEventKinds.ENTRY_MODIFY) {
                kinds.add(kind);
            } else if (kind != StandardWatchEventKinds.OVERFLOW) {
                throw new UnsupportedOperationException("event kind " + kind.name() + " is not supported");
            }
        }
        kinds.add(StandardWatchEventKinds.OVERFLOW);
        io.vexfs.core.FileStat st = fs.provider().stat(dir, true);
        if (!st.isDirectory()) {
            throw ExceptionMapper.of(io.vexfs.api.VexfsError.ENOTDIR, dir, "only directories can be watched");
        }
        VexfsWatchKey key = keys.compute(st.inode(), (k, existing) -> {
            if (existing != null && existing.isValid()) {
                existing.setKinds(kinds);
                return existing;
            }
            return new VexfsWatchKey(this, dir, st.inode(), kinds);
        });
        return key;
    }

    void changed(String directoryPath, long directoryInode, String name, ChangeListener.Kind kind) {
        VexfsWatchKey key = keys.get(directoryInode);
        if (key == null) {
            return;
        }
        WatchEvent.Kind<?> k = switch (kind) {
            case CREATE -> StandardWatchEventKinds.ENTRY_CREATE;
            case DELETE -> StandardWatchEventKinds.ENTRY_DELETE;
            case MODIFY -> StandardWatchEventKinds.ENTRY_MODIFY;
        };
        key.signal(k, fs.getPath(name));
    }

    void enqueue(VexfsWatchKey key) {
        if (open) {
            ready.add(key);
        }
    }

    void cancelled(VexfsWatchKey key) {
        keys.remove(key.directory(), key);
    }

    private void ensureOpen() {
        if (!open) {
            throw new ClosedWatchServiceException();
        }
    }

    private WatchKey checked(WatchKey key) {
        if (key == CLOSE_SENTINEL) {
            ready.add(CLOSE_SENTINEL); // wake other waiters too
            throw new ClosedWatchServiceException();
        }
        return key;
    }

    @Override
    public WatchKey poll() {
        ensureOpen();
        WatchKey key = ready.poll();
        return key == null ? null : checked(key);
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        WatchKey key = ready.poll(timeout, unit);
        return key == null ? null : checked(key);
    }

    @Override
    public WatchKey take() throws InterruptedException {
        ensureOpen();
        return checked(ready.take());
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        for (VexfsWatchKey key : keys.values()) {
            key.invalidate();
        }
        keys.clear();
        ready.clear();
        ready.add(CLOSE_SENTINEL);
        fs.watchServiceClosed(this);
    }
}
