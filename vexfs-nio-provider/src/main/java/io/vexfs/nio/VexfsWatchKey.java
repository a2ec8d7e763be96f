package io.vexfs.nio;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The watch key of one directory: events queue here until polled; too many become one OVERFLOW. */
final class VexfsWatchKey implements WatchKey {
    static final int MAX_EVENTS = 512;

    private final VexfsWatchService service;
    private final VexfsPath watchable;
    private final long directory;
    private volatile Set<WatchEvent.Kind<?>> kinds;
    private final List<WatchEvent<?>> events = new ArrayList<>();
    private boolean signalled;
    private volatile boolean valid = true;

    VexfsWatchKey(VexfsWatchService service, VexfsPath watchable, long directory, Set<WatchEvent.Kind<?>> kinds) {
        this.service = service;
        this.watchable = watchable;
        this.directory = directory;
        this.kinds = kinds;
    }

    /** The watched directory's inode. */
    long directory() {
        return directory;
    }

    void setKinds(Set<WatchEvent.Kind<?>> newKinds) {
        kinds = newKinds;
    }

    /** Records an event; signals the key (queues it in the service) if it was ready. */
    void signal(WatchEvent.Kind<?> kind, VexfsPath context) {
        if (!valid || !kinds.contains(kind)) {
            return;
        }
        synchronized (this) {
            if (events.size() >= MAX_EVENTS) {
                WatchEvent<?> last = events.getLast();
                if (last.kind() != StandardWatchEventKinds.OVERFLOW) {
                    events.add(VexfsWatchEvent.of(StandardWatchEventKinds.OVERFLOW, null));
                } else {
                    ((VexfsWatchEvent<?>) last).increment();
                }
            } else if (!events.isEmpty() && events.getLast().kind() == kind
                    && context.equals(events.getLast().context())) {
                ((VexfsWatchEvent<?>) events.getLast()).increment();
            } else {
                events.add(VexfsWatchEvent.of(kind, context));
            }
            if (!signalled) {
                signalled = true;
                service.enqueue(this);
            }
        }
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public synchronized List<WatchEvent<?>> pollEvents() {
        List<WatchEvent<?>> out = List.copyOf(events);
        events.clear();
        return out;
    }

    @Override
    public synchronized boolean reset() {
        if (!valid) {
            return false;
        }
        if (signalled && !events.isEmpty()) {
            service.enqueue(this);
        } else {
            signalled = false;
        }
        return true;
    }

    @Override
    public void cancel() {
        if (valid) {
            valid = false;
            service.cancelled(this);
        }
    }

    void invalidate() {
        valid = false;
    }

    @Override
    public VexfsPath watchable() {
        return watchable;
    }
}
