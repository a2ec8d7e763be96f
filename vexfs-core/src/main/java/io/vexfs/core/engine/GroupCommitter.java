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
 * committer thread takes every request that is in the ring when it looks and serves them all with
 * one commit: {@link Commit#begin} writes one journal record for everything done so far (under the
 * volume lock), {@link Commit#force} makes it durable with one device barrier (outside the lock, so
 * other threads keep working and queue the next batch meanwhile), {@link Commit#finish} records
 * that. A request is published before the commit that serves it begins, so every change its caller
 * made before calling is in that commit. A failed commit fails every request of its batch.
 *
 * <p>A two-stage pipeline (the next batch's journal record written while this one's force runs) was
 * measured and dropped: it either splits batches into many small records or, made to wait for the
 * force, costs a thread hand-off per commit for no overlap (docs/BENCHMARKS.md).
 */
final class GroupCommitter {
    /** The steps of one commit; {@link #begin} and {@link #finish} take the volume lock, {@link #force} must not. */
    interface Commit {
        /**
         * Starts a commit of everything done so far: returns an id owed {@link #force} and
         * {@link #finish}, or -1 if everything is durable already.
         */
        long begin() throws VexfsException;

        /** Makes every begun commit durable (a device barrier). */
        void force() throws VexfsException;

        /** Records that the begun commits up to {@code id} are durable (after their force). */
        void finish(long id) throws VexfsException;

        /** True if commit {@code id} is already durable (an earlier force covered it). */
        boolean durable(long id);

        /** A commit done in one step by {@code body}. */
        static Commit synchronous(Step body) {
            return new Commit() {
                @Override
                public long begin() throws VexfsException {
                    body.run();
                    return -1;
                }

                @Override
                public void force() {
                }

                @Override
                public void finish(long id) {
                }

                @Override
                public boolean durable(long id) {
                    return true;
                }
            };
        }
    }

    /** One step of work that may fail. */
    interface Step {
        void run() throws VexfsException;
    }

    private static final class Request {
        CompletableFuture<Void> done;
    }

    /** Upper bound of the wait for callers that usually join a batch. */
    private static final long MAX_STRAGGLER_WAIT_NANOS = 2_000_000;
    private final Commit commit;
    private final Disruptor<Request> disruptor;
    private final RingBuffer<Request> ring;
    private final BatchHandler handler = new BatchHandler();
    /** Publishing holds it shared; shutdown exclusively, so no request is published into a stopped ring. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean stopped;
    private volatile long commits;
    private volatile long forces;
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
        /** Decaying maximum of recent batch sizes: how many callers typically sync together. */
        private double typicalBatch = 1;
        /** Smoothed duration of a device force. */
        private double forceNanos = 1_000_000;

        @Override
        public void onEvent(Request event, long sequence, boolean endOfBatch) {
            if (event.done != null) {
                batch.add(event.done);
                event.done = null;
            }
            if (!endOfBatch || batch.isEmpty()) {
                return;
            }
            awaitStragglers(sequence);
            // requests published by now are served by this commit: their changes are in it
            for (long s = sequence + 1; s <= ring.getCursor() && ring.isAvailable(s); s++) {
                Request r = ring.get(s);
                if (r.done != null) {
                    batch.add(r.done);
                    r.done = null;
                }
            }
            Throwable failure = null;
            try {
                long t0 = System.nanoTime();
                if (commitOnce(commit)) {
                    forceNanos = 0.8 * forceNanos + 0.2 * (System.nanoTime() - t0);
                }
            } catch (Throwable t) {
                failure = t;
            }
            requests += batch.size();
            typicalBatch = Math.max(batch.size(), typicalBatch * 0.9);
            for (CompletableFuture<Void> f : batch) {
                complete(f, failure);
            }
            batch.clear();
        }

        /**
         * When fewer callers are waiting than usually sync together, the others are most likely
         * finishing their next change (the previous commit just released them): wait for them a
         * little (at most a third of a force, as jbd2 batches), so one force serves them all instead
         * of two half-full ones.
         */
        private void awaitStragglers(long sequence) {
            long want = Math.round(typicalBatch) - batch.size();
            if (want <= 0) {
                return;
            }
            long deadline = System.nanoTime() + Math.min(MAX_STRAGGLER_WAIT_NANOS, (long) (forceNanos / 3));
            while (ring.getCursor() - sequence < want && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000);
            }
        }
    }

    /** Begin, and unless already durable, force and finish; true if it forced. */
    private boolean commitOnce(Commit c) throws VexfsException {
        long id = c.begin();
        commits++;
        if (id >= 0 && !c.durable(id)) {
            c.force();
            forces++;
            c.finish(id);
            return true;
        }
        return false;
    }

    private static void complete(CompletableFuture<Void> f, Throwable failure) {
        if (failure == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(failure);
        }
    }

    /** Returns once a commit that began after this call is durable; rethrows its failure. */
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
            commitOnce(commit);
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

    /** Commits begun so far, the requests they served, and the device forces that made them durable. */
    long[] stats() {
        return new long[] {commits, requests, forces};
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
