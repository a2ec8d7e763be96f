package io.vexfs.nio;

import java.nio.file.WatchEvent;

/** One (possibly repeated) directory event: the kind and the entry name relative to the directory. */
final class VexfsWatchEvent<T> implements WatchEvent<T> {
    private final Kind<T> kind;
    private final T context;
    private volatile int count = 1;

    VexfsWatchEvent(Kind<T> kind, T context) {
        this.kind = kind;
        this.context = context;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static VexfsWatchEvent<?> of(Kind<?> kind, Object context) {
        return new VexfsWatchEvent(kind, context);
    }

    void increment() {
        count++;
    }

    @Override
    public Kind<T> kind() {
        return kind;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public T context() {
        return context;
    }

    @Override
    public String toString() {
        return kind.name() + " " + context + (count > 1 ? " x" + count : "");
    }
}
