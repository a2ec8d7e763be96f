package io.vexfs.core.crash;

import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.DeviceEvent;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Rebuilds the crash states of a {@link RecordedRun} and checks each one. The log is split into epochs
 * at each completed force; in an epoch, everything before the force is durable and each write after
 * it may or may not have landed. Per epoch it builds: subsets of the unsynced writes (all of them up
 * to {@code exhaustiveLimit} writes, else samples), the "only overwrites landed" state (writes to
 * never-written blocks lost), and torn versions of each write (sector prefixes, garbage block,
 * garbage sector). Each state must open, be fsck-clean before and after recovery, and hold a tree
 * that some model state between the last acknowledgement and the last started operation explains.
 */
final class CrashSimulator {
    static final int SECTOR = 512;
    static final int SECTORS = 4096 / SECTOR;

    /**
     * How many states to build and check.
     *
     * @param exhaustiveLimit    epochs with at most this many unsynced writes get every subset
     * @param sampledSubsets     random subsets for larger epochs (besides prefixes and one-out/one-in)
     * @param allTornPrefixes    every sector prefix of a torn write, else 1, half and all-but-one sectors
     * @param maxStates          distinct states checked per run, chosen at random (seeded) beyond that
     * @param fsckBeforeRecovery also fsck each state read-only (journal replayed in memory) before recovery
     */
    record Budget(int exhaustiveLimit, int sampledSubsets, boolean allTornPrefixes, int maxStates,
                  boolean fsckBeforeRecovery) {
        static final Budget QUICK = new Budget(6, 16, false, 28, false);
        static final Budget THOROUGH = new Budget(10, 200, true, Integer.MAX_VALUE, true);
    }

    /** One crash state: the durable image of {@code epoch} plus {@code changes}. */
    private record Spec(int epoch, Map<Long, byte[]> changes, int lo, int hi, long tornBlock, String desc) {
    }

    private final RecordedRun run;
    private final Budget budget;
    private final Random rnd;
    private final String context;
    private long statesChecked;
    private long statesBuilt;

    CrashSimulator(RecordedRun run, Budget budget, long seed, String context) {
        this.run = run;
        this.budget = budget;
        this.rnd = new Random(seed);
        this.context = context;
    }

    long statesChecked() {
        return statesChecked;
    }

    long statesBuilt() {
        return statesBuilt;
    }

    /** Checks every crash state; throws AssertionError naming the first bad one. */
    void run() {
        List<Spec> specs = new ArrayList<>();
        replay((durable, pending, lo, hi, epoch) -> enumerateEpoch(durable, pending, lo, hi, epoch, specs));
        statesBuilt = specs.size();
        List<Spec> chosen = specs;
        if (specs.size() > budget.maxStates()) {
            chosen = new ArrayList<>(specs);
            java.util.Collections.shuffle(chosen, rnd);
            chosen = new ArrayList<>(chosen.subList(0, budget.maxStates()));
        }
        Map<Integer, List<Spec>> byEpoch = new java.util.HashMap<>();
        for (Spec sp : chosen) {
            byEpoch.computeIfAbsent(sp.epoch(), k -> new ArrayList<>()).add(sp);
        }
        MemoryBlockDevice last = replay((durable, pending, lo, hi, epoch) -> {
            for (Spec sp : byEpoch.getOrDefault(epoch, List.of())) {
                MemoryBlockDevice state = durable.copy(false);
                sp.changes().forEach(state::poke);
                check(state, sp.lo(), sp.hi(), sp.tornBlock(), sp.desc());
            }
        });
        // after the final close every operation is durable
        check(last, run.snapshots().size() - 1, run.snapshots().size() - 1, -1, "final image");
    }

    private interface EpochVisitor {
        void visit(MemoryBlockDevice durable, List<DeviceEvent.Write> pending, int lo, int hi, int epoch);
    }

    /** Walks the log epoch by epoch; returns the image with every write applied. */
    private MemoryBlockDevice replay(EpochVisitor visitor) {
        MemoryBlockDevice durable = run.base().copy(false);
        List<DeviceEvent.Write> pending = new ArrayList<>();
        int acked = 0;
        int started = 0;
        int epoch = 0;
        for (DeviceEvent e : run.events()) {
            switch (e) {
                case DeviceEvent.Write w -> pending.add(w);
                case DeviceEvent.Marker mk when mk.label().equals("op") -> started = (int) mk.value() + 1;
                case DeviceEvent.Marker mk -> acked = Math.max(acked, (int) mk.value());
                case DeviceEvent.Force f -> {
                    visitor.visit(durable, pending, acked, started, epoch);
                    for (DeviceEvent.Write w : pending) {
                        durable.poke(w.block(), w.data());
                    }
                    pending.clear();
                    epoch++;
                }
            }
        }
        visitor.visit(durable, pending, acked, started, epoch);
        for (DeviceEvent.Write w : pending) {
            durable.poke(w.block(), w.data());
        }
        return durable;
    }

    private void enumerateEpoch(MemoryBlockDevice durable, List<DeviceEvent.Write> w, int lo, int hi, int epoch,
                                List<Spec> out) {
        Set<String> seen = new HashSet<>();
        int n = w.size();
        String where = "epoch " + epoch + " (" + n + " unsynced writes, acked " + lo + ", started " + hi + ")";
        List<boolean[]> subsets = new ArrayList<>();
        if (n <= budget.exhaustiveLimit()) {
            for (int mask = 0; mask < (1 << n); mask++) {
                boolean[] s = new boolean[n];
                for (int i = 0; i < n; i++) {
                    s[i] = (mask & (1 << i)) != 0;
                }
                subsets.add(s);
            }
        } else {
            for (int k = 0; k <= n; k++) {          // every prefix in issue order
                boolean[] s = new boolean[n];
                Arrays.fill(s, 0, k, true);
                subsets.add(s);
            }
            for (int k = 0; k < n; k++) {           // all but one, and only one
                boolean[] all = new boolean[n];
                Arrays.fill(all, true);
                all[k] = false;
                subsets.add(all);
                boolean[] one = new boolean[n];
                one[k] = true;
                subsets.add(one);
            }
            for (int k = 0; k < budget.sampledSubsets(); k++) {
                boolean[] s = new boolean[n];
                for (int i = 0; i < n; i++) {
                    s[i] = rnd.nextBoolean();
                }
                subsets.add(s);
            }
        }
        // the device grew a block's worth of space but the data did not land: fresh blocks read as before
        Set<Long> written = durable.writtenBlocks();
        boolean[] overwritesOnly = new boolean[n];
        for (int i = 0; i < n; i++) {
            overwritesOnly[i] = written.contains(w.get(i).block());
        }
        subsets.add(overwritesOnly);
        for (boolean[] s : subsets) {
            Map<Long, byte[]> state = new LinkedHashMap<>();
            StringBuilder desc = new StringBuilder(where).append(": subset of writes ");
            for (int i = 0; i < n; i++) {
                if (s[i]) {
                    state.put(w.get(i).block(), w.get(i).data());
                    desc.append(i).append(':').append(w.get(i).block()).append(' ');
                }
            }
            add(out, epoch, state, seen, lo, hi, -1, desc.toString());
        }
        for (int j = 0; j < n; j++) {
            Map<Long, byte[]> prefix = new LinkedHashMap<>();
            for (int i = 0; i < j; i++) {
                prefix.put(w.get(i).block(), w.get(i).data());
            }
            long blk = w.get(j).block();
            byte[] old = prefix.containsKey(blk) ? prefix.get(blk) : durable.peek(blk);
            byte[] neu = w.get(j).data();
            String tw = where + ": writes 0.." + (j - 1) + " landed, write " + j + " (block " + blk + ") torn: ";
            for (int k = 1; k < SECTORS; k++) {
                if (!budget.allTornPrefixes() && k != 1 && k != SECTORS / 2 && k != SECTORS - 1) {
                    continue;
                }
                byte[] t = old.clone();
                System.arraycopy(neu, 0, t, 0, k * SECTOR);
                add(out, epoch, with(prefix, blk, t), seen, lo, hi, blk, tw + k + " new sectors");
            }
            byte[] garbage = new byte[4096];
            rnd.nextBytes(garbage);
            add(out, epoch, with(prefix, blk, garbage), seen, lo, hi, blk, tw + "garbage block");
            byte[] sector = neu.clone();
            int sec = rnd.nextInt(SECTORS);
            for (int i = 0; i < SECTOR; i++) {
                sector[sec * SECTOR + i] = (byte) rnd.nextInt();
            }
            add(out, epoch, with(prefix, blk, sector), seen, lo, hi, blk, tw + "garbage sector " + sec);
        }
    }

    private static Map<Long, byte[]> with(Map<Long, byte[]> prefix, long blk, byte[] data) {
        Map<Long, byte[]> m = new LinkedHashMap<>(prefix);
        m.put(blk, data);
        return m;
    }

    private static void add(List<Spec> out, int epoch, Map<Long, byte[]> changes, Set<String> seen, int lo, int hi,
                            long tornBlock, String desc) {
        StringBuilder key = new StringBuilder("T" + tornBlock + ":");
        new java.util.TreeMap<>(changes).forEach((b, d) -> {
            CRC32C c = new CRC32C();
            c.update(d);
            key.append(b).append('=').append(Long.toHexString(c.getValue())).append(Arrays.hashCode(d)).append(',');
        });
        if (seen.add(key.toString())) {
            out.add(new Spec(epoch, changes, lo, hi, tornBlock, desc));
        }
    }

    private void check(MemoryBlockDevice state, int lo, int hi, long tornBlock, String desc) {
        statesChecked++;
        String label = context + ", " + desc;
        if (budget.fsckBeforeRecovery()) {
            FsckReport before = Fsck.check(RecordedRun.NAME, state, false, x -> { });
            // a torn superblock copy or journal header is reported until recovery rewrites it
            String tolerated = tornBlock == 0 || tornBlock == state.blockCount() - 1 ? "superblock copy at block "
                    + tornBlock : "journal header at block " + tornBlock;
            if (before.problems().stream().anyMatch(p -> tornBlock < 0 || !p.where().equals(tolerated))) {
                throw new AssertionError(label + ": fsck (read-only, journal in memory) found " + before.problems());
            }
        }
        TreeImage got;
        try (VolumeEngine v = VolumeEngine.open(RecordedRun.NAME, state, VolumeOptions.defaults())) {
            got = TreeImage.capture(v);
        } catch (Exception e) {
            AssertionError a = new AssertionError(label + ": recovery failed: " + e, e);
            throw a;
        }
        FsckReport after = Fsck.check(RecordedRun.NAME, state, false, x -> { });
        if (!after.clean()) {
            throw new AssertionError(label + ": fsck after recovery found " + after.problems());
        }
        String why = CrashOracle.explain(got, run.snapshots(), lo, hi, tornBlock);
        if (why != null) {
            throw new AssertionError(label + ": " + why + "\n ops " + run.ops());
        }
    }
}
