package io.vexfs.core.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Group commit: callers of {@code sync} publish a request into a Disruptor ring and wait; one
 * committer thread takes every request that is in the ring when it looks, runs one commit (one
 * journal record, one set of device forces) for all of them, and completes their futures. A
 * request is published before the commit that serves it starts, so every change its caller made
 * before calling is in that commit. A failed commit fails every request of its batch.
 */
final class GroupCommitter {
    /** Runs one durable commit of everything done so far. */
    interface Commit {
        void run() throws VexfsException;
    }

    private static final class Request {
        CompletableFuture<Void> done;
    }

    private final Commit commit;
    private final Disruptor<Request> disruptor;
    private final RingBuffer<Request> ring;
    private final BatchHandler handler = new BatchHandler();
    /** Publishing holds it shared; shutdown exclusively, so no request is published into a stopped ring. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean stopped;
    private volatile long commits;
    private volatile long requests;

    GroupCommitter(String name, Commit commit) {
        this.commit = commit;
        this.disruptor = new Disruptor<>(Request::new, 1024, r -> {
            Thread t = new Thread(r, "vexfs-group-commit " + name);
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, new BlockingWaitStrategy());
        disruptor.handleEventsWith(handler);
        this.ring = disruptor.start();
    }

    private final class BatchHandler implements EventHandler<Request> {
        private final List<CompletableFuture<Void>> batch = new ArrayList<>();

        @Override
        public void onEvent(Request event, long sequence, boolean endOfBatch) {
            batch.add(event.done);
            event.done = null;
            if (!endOfBatch) {
                return;
            }
            Throwable failure = null;
            try {
                commit.run();
            } catch (Throwable t) {
                failure = t;
            }
            commits++;
            requests += batch.size();
            for (CompletableFuture<Void> f : batch) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
            batch.clear();
        }
    }

    /** Returns once a commit that started after this call has completed; rethrows its failure. */
    void sync() throws VexfsException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        gate.readLock().lock();
        try {
            if (stopped) {
                done = null;
            } else {
                long seq = ring.next();
                try {
                    ring.get(seq).done = done;
                } finally {
                    ring.publish(seq);
                }
            }
        } finally {
            gate.readLock().unlock();
        }
        if (done == null) {
            commit.run();
            return;
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VexfsException(VexfsError.EIO, "interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof VexfsException v) {
                throw new VexfsException(v.error(), v.detail(), v);
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new VexfsException(VexfsError.EIO, "commit failed: " + c, c);
        }
    }

    /** Requests published so far. */
    long published() {
        return ring.getCursor() + 1;
    }

    /** Commits batched so far and the requests they served (for diagnostics and tests). */
    long[] stats() {
        return new long[] {commits, requests};
    }

    /** Serves every published request, then stops the committer thread; later calls commit directly. */
    void shutdown() {
        gate.writeLock().lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
        } finally {
            gate.writeLock().unlock();
        }
        // Disruptor.shutdown() busy-spins until the handler's sequence catches up; that sequence
        // advances only after onEvent returns, i.e. after the last waiter was released, so the
        // spinning thread competes with the committer for a core. Wait politely, then halt.
        long last = ring.getCursor();
        while (disruptor.getSequenceValueFor(handler) < last) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        disruptor.halt();
    }
}
