package io.vexfs.core.crash;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash-state enumeration (the CrashMonkey / SQLite crash-test idea) over a recording in-memory
 * device. Default runs stay within CI budget; {@code -Dvexfs.crash.long=true} runs every epoch with
 * the thorough budget and more random workloads; {@code -Dvexfs.crash.seed=N} replays one random
 * workload.
 */
class CrashEnumerationTest {
    static final boolean LONG = Boolean.getBoolean("vexfs.crash.long");
    static RecordedRun.Base base;

    @BeforeAll
    static void makeBase() throws Exception {
        base = RecordedRun.standardBase();
    }

    interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} with data written in place (ordered mode) or journaled with small transactions. */
    static <T> T withDataMode(boolean ordered, Body<T> body) throws Exception {
        String old = System.getProperty("vexfs.journaledDataBlocks");
        System.setProperty("vexfs.journaledDataBlocks", ordered ? "0" : "32");
        try {
            return body.run();
        } finally {
            if (old == null) {
                System.clearProperty("vexfs.journaledDataBlocks");
            } else {
                System.setProperty("vexfs.journaledDataBlocks", old);
            }
        }
    }

    @Test
    void everySequenceOfUpToThreeOperations() throws Exception {
        WorkloadOp[] alphabet = WorkloadOp.values();
        int maxLen = Integer.getInteger("vexfs.crash.maxLen", 3);
        CrashSimulator.Budget budget = LONG ? CrashSimulator.Budget.THOROUGH : CrashSimulator.Budget.QUICK;
        long sequences = 0;
        long states = 0;
        long built = 0;
        long t0 = System.nanoTime();
        for (int len = 1; len <= maxLen; len++) {
            int total = (int) Math.pow(alphabet.length, len);
            for (int code = 0; code < total; code++) {
                List<WorkloadOp> ops = new ArrayList<>();
                int c = code;
                for (int i = 0; i < len; i++) {
                    ops.add(alphabet[c % alphabet.length]);
                    c /= alphabet.length;
                }
                // odd sequences commit in pure ordered mode, even ones journal their (small) data
                boolean ordered = code % 2 == 1;
                RecordedRun run = withDataMode(ordered, () -> RecordedRun.record(base, ops, 0));
                CrashSimulator sim = new CrashSimulator(run, budget, code * 31L + len,
                        "sequence " + ops + (ordered ? " (ordered data)" : " (journaled data)"));
                withDataMode(ordered, () -> {
                    sim.run();
                    return null;
                });
                sequences++;
                states += sim.statesChecked();
                built += sim.statesBuilt();
            }
        }
        System.out.printf("crash enumeration: %d operation sequences (length <= %d), %d crash states built, "
                + "%d distinct states checked, %.1f s%n", sequences, maxLen, built, states, (System.nanoTime() - t0) / 1e9);
        assertThat(states).isGreaterThan(sequences);
    }

    /**
     * Long workloads that force after every other operation: enough commits that durable
     * transactions wait in memory for their deferred checkpoint and the log restarts (at half full)
     * several times, so crash states fall between checkpoint writes, the reset and the next record.
     */
    @Test
    void syncHeavyWorkloadsAcrossCheckpointsAndLogResets() throws Exception {
        Long fixed = Long.getLong("vexfs.crash.seed");
        long first = fixed != null ? fixed : new Random().nextLong();
        List<Long> seeds = new ArrayList<>();
        if (fixed == null) {
            // regression: a log reset whose header was not forced before the next record overwrote the
            // old log; a crash then replayed a prefix of old transactions over newer home blocks
            seeds.add(8629217305984476094L);
        }
        for (int k = 0; k < (fixed != null ? 1 : LONG ? 12 : 1); k++) {
            seeds.add(first + k);
        }
        WorkloadOp[] alphabet = WorkloadOp.values();
        long states = 0;
        for (long seed : seeds) {
            Random r = new Random(seed);
            List<WorkloadOp> ops = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                ops.add(alphabet[r.nextInt(WorkloadOp.SETVECTOR.ordinal() + 1)]);
                ops.add(r.nextBoolean() ? WorkloadOp.FORCE_FILE : WorkloadOp.SYNC);
            }
            try {
                int salt = r.nextInt(1000);
                RecordedRun run = withDataMode(false, () -> RecordedRun.record(base, ops, salt));
                CrashSimulator sim = new CrashSimulator(run, LONG ? CrashSimulator.Budget.THOROUGH
                        : new CrashSimulator.Budget(6, 12, false, 1500, false), seed, "sync-heavy seed " + seed);
                withDataMode(false, () -> {
                    sim.run();
                    return null;
                });
                states += sim.statesChecked();
            } catch (Throwable t) {
                throw new AssertionError("sync-heavy crash workload failed; reproduce with -Dvexfs.crash.seed=" + seed, t);
            }
        }
        System.out.printf("sync-heavy crash workloads: seeds %s, 140 ops each, %d crash states checked%n", seeds, states);
        assertThat(states).isGreaterThan(140);
    }

    @Test
    void seededRandomWorkloads() throws Exception {
        Long fixed = Long.getLong("vexfs.crash.seed");
        long first = fixed != null ? fixed : new Random().nextLong();
        int count = fixed != null ? 1 : LONG ? 200 : 6;
        int length = Integer.getInteger("vexfs.crash.ops", 24);
        long states = 0;
        for (int k = 0; k < count; k++) {
            long seed = first + k;
            Random r = new Random(seed);
            List<WorkloadOp> ops = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                WorkloadOp op = WorkloadOp.values()[r.nextInt(WorkloadOp.values().length)];
                ops.add(op);
            }
            try {
                boolean ordered = Math.floorMod(seed, 2) == 1;
                int salt = r.nextInt(1000);
                RecordedRun run = withDataMode(ordered, () -> RecordedRun.record(base, ops, salt));
                CrashSimulator sim = new CrashSimulator(run, CrashSimulator.Budget.THOROUGH, seed,
                        "seed " + seed + (ordered ? " (ordered data)" : " (journaled data)"));
                withDataMode(ordered, () -> {
                    sim.run();
                    return null;
                });
                states += sim.statesChecked();
            } catch (Throwable t) {
                throw new AssertionError("random crash workload failed; reproduce with -Dvexfs.crash.seed=" + seed, t);
            }
        }
        System.out.printf("random crash workloads: %d workloads of %d ops from seed %d, %d crash states checked%n",
                count, length, first, states);
    }
}
