package io.vexfs.nio;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels, directory streams and watch services a file system must close when it closes.
 *
 * <p>Each resource brings its own {@link Node}, so registering and unregistering is a constant-time
 * link/unlink under this registry's monitor: no hashing (an identity hash of a fresh object is a VM call)
 * and no per-call allocation. Opening a file already serializes on the volume, so one monitor costs no
 * concurrency.
 */
final class ResourceRegistry {

    /** The registry's link to one resource; made by the resource, once. */
    static final class Node {
        private final Closeable resource;
        /** Neighbours while registered, null otherwise; guarded by the registry. */
        private Node prev;
        private Node next;

        Node(Closeable resource) {
            this.resource = resource;
        }
    }

    /** Sentinel of the circular list of registered nodes. */
    private final Node head = new Node(null);

    ResourceRegistry() {
        head.prev = head;
        head.next = head;
    }

    synchronized void add(Node node) {
        if (node.next != null) {
            return;
        }
        node.prev = head.prev;
        node.next = head;
        head.prev.next = node;
        head.prev = node;
    }

    synchronized void remove(Node node) {
        if (node.next == null) {
            return;
        }
        node.prev.next = node.next;
        node.next.prev = node.prev;
        node.prev = null;
        node.next = null;
    }

    private synchronized List<Node> snapshot() {
        List<Node> all = new ArrayList<>();
        for (Node n = head.next; n != head; n = n.next) {
            all.add(n);
        }
        return all;
    }

    /** Closes everything; the first failure is thrown with the others suppressed. */
    void closeAll() throws IOException {
        IOException first = null;
        for (Node n : snapshot()) {
            try {
                n.resource.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
            remove(n);
        }
        if (first != null) {
            throw first;
        }
    }
}
