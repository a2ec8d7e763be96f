package io.vexfs.core.engine;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {

    /** Requests that arrive while a commit runs are all served by the next single commit. */
    @Test
    void requestsWaitingDuringACommitShareTheNextOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        GroupCommitter g = new GroupCommitter("test", GroupCommitter.Commit.synchronous(() -> {
            if (started.getAndIncrement() == 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new VexfsException(VexfsError.EIO, "interrupted");
                }
            }
            finished.incrementAndGet();
        }));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> syncAndCheck(g, started, finished)));
            while (started.get() == 0) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 7; i++) {
                calls.add(pool.submit(() -> syncAndCheck(g, started, finished)));
            }
            while (g.published() < 8) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Future<Integer> f : calls) {
                f.get();
            }
            assertThat(g.stats()).startsWith(2, 8);
        } finally {
            pool.shutdownNow();
            g.shutdown();
        }
    }

    /** Each caller returns only after a commit that started after its call finished. */
    private static Integer syncAndCheck(GroupCommitter g, AtomicInteger started, AtomicInteger finished)
            throws VexfsException {
        int before = started.get();
        g.sync();
        assertThat(finished.get()).isGreaterThan(before);
        return before;
    }

    /**
     * Many threads syncing at once (so batches form, stragglers are awaited and requests published
     * during that wait are taken into the batch): every caller returns only once a commit that
     * began after its call is durable, and forces are shared.
     */
    @Test
    void everyCallerIsServedByADurableCommitThatBeganAfterItsCall() throws Exception {
        java.util.concurrent.atomic.AtomicLong begun = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong durableUpTo = new java.util.concurrent.atomic.AtomicLong();
        AtomicInteger forces = new AtomicInteger();
        GroupCommitter g = new GroupCommitter("test", new GroupCommitter.Commit() {
            @Override
            public long begin() {
                return begun.incrementAndGet();
            }

            @Override
            public void force() {
                forces.incrementAndGet();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }

            @Override
            public void finish(long id) {
                durableUpTo.accumulateAndGet(id, Math::max);
            }

            @Override
            public boolean durable(long id) {
                return id <= durableUpTo.get();
            }
        });
        int threads = 16;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long before = begun.get();
                        g.sync();
                        assertThat(durableUpTo.get()).as("a commit begun after the call is durable").isGreaterThan(before);
                    }
                    return 0;
                }));
            }
            for (Future<Integer> f : calls) {
                f.get();
            }
            assertThat(g.stats()[1]).isEqualTo((long) threads * perThread);
            assertThat(forces.get()).isLessThan(threads * perThread);
        } finally {
            pool.shutdownNow();
            g.shutdown();
        }
    }

    @Test
    void aFailedCommitFailsEveryCallerOfItsBatchAndLaterOnesToo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupCommitter g = new GroupCommitter("test", GroupCommitter.Commit.synchronous(() -> {
            calls.incrementAndGet();
            throw new VexfsException(VexfsError.EIO, "device force failed");
        }));
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(g::sync).isInstanceOfSatisfying(VexfsException.class,
                        e -> assertThat(e.error()).isEqualTo(VexfsError.EIO));
            }
            assertThat(calls.get()).isEqualTo(3);
        } finally {
            g.shutdown();
        }
        assertThatThrownBy(g::sync).isInstanceOf(VexfsException.class); // after shutdown: direct commit
    }
}
