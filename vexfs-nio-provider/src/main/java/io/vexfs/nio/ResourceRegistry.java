package io.vexfs.nio;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The channels, directory streams and watch services a file system must close when it closes. */
final class ResourceRegistry {
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    void add(Closeable resource) {
        open.add(resource);
    }

    void remove(Closeable resource) {
        open.remove(resource);
    }

    /** Closes everything; the first failure is thrown with the others suppressed. */
    void closeAll() throws IOException {
        IOException first = null;
        for (Closeable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
            open.remove(c);
        }
        if (first != null) {
            throw first;
        }
    }
}
