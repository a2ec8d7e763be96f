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
        GroupCommitter g = new GroupCommitter("test", () -> {
            if (started.getAndIncrement() == 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new VexfsException(VexfsError.EIO, "interrupted");
                }
            }
            finished.incrementAndGet();
        });
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
            assertThat(g.stats()).containsExactly(2, 8);
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

    @Test
    void aFailedCommitFailsEveryCallerOfItsBatchAndLaterOnesToo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupCommitter g = new GroupCommitter("test", () -> {
            calls.incrementAndGet();
            throw new VexfsException(VexfsError.EIO, "device force failed");
        });
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
