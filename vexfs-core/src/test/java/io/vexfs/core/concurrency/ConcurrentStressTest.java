package io.vexfs.core.concurrency;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.crash.TreeImages;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads run a fixed number of mixed operations on overlapping names. Checked afterwards,
 * with invariants that hold for every serialization: fsck is clean; each shared name exists exactly
 * when its successful creations outnumber its successful removals by one (and never by more); each
 * shared file holds one writer's whole pattern; each thread's private files hold what it wrote last;
 * everything survives close and reopen. Seed: {@code -Dvexfs.stress.seed=N}.
 */
class ConcurrentStressTest {
    static final Path NAME = Path.of("stress.vexfs");
    static final int THREADS = 8;
    static final int OPS_PER_THREAD = Integer.getInteger("vexfs.stress.ops", 1500);
    static final String[] FILES = {"/s/n0", "/s/n1", "/s/n2", "/s/n3", "/s/n4", "/s/n5"};
    static final String[] DIRS = {"/s/d0", "/s/d1", "/s/d2"};
    static final int PATTERN = 9000;

    private final Map<String, AtomicInteger> net = new ConcurrentHashMap<>();

    private void count(String name, int delta) {
        net.computeIfAbsent(name, k -> new AtomicInteger()).addAndGet(delta);
    }

    static byte[] pattern(int writer) {
        byte[] b = new byte[PATTERN];
        Arrays.fill(b, (byte) (writer + 1));
        return b;
    }

    @Test
    void mixedOperationsOnOverlappingNames() throws Exception {
        long seed = Long.getLong("vexfs.stress.seed", new Random().nextLong());
        try {
            run(seed);
        } catch (Throwable t) {
            throw new AssertionError("concurrency stress failed; reproduce with -Dvexfs.stress.seed=" + seed, t);
        }
    }

    private void run(long seed) throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(8192);
        Mkfs.format(dev, MkfsOptions.ofSize(8192L * 4096));
        VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
        v.mkdir("/s", 0755);
        v.mkdir("/own", 0755);
        for (int t = 0; t < THREADS; t++) {
            v.mkdir("/own/t" + t, 0755);
        }
        List<Map<String, byte[]>> own = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger succeeded = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Map<String, byte[]> mine = new java.util.HashMap<>();
            own.add(mine);
            int id = t;
            Random r = new Random(seed * 31 + t);
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        try {
                            step(v, id, r, mine);
                            succeeded.incrementAndGet();
                        } catch (VexfsException e) {
                            // an expected race outcome (EEXIST, ENOENT, ENOTEMPTY, ...): nothing changed
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).as("unexpected exceptions in worker threads").isEmpty();
        assertThat(succeeded.get()).as("some operations succeeded").isGreaterThan(THREADS * OPS_PER_THREAD / 10);
        v.sync();
        assertThat(Fsck.check(NAME, dev.copy(false), false, x -> { }).problems()).as("fsck after the run").isEmpty();
        checkInvariants(v, own);
        String before = TreeImages.capture(v);
        v.close();
        assertThat(Fsck.check(NAME, dev, false, x -> { }).problems()).isEmpty();
        try (VolumeEngine r = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
            assertThat(TreeImages.capture(r)).isEqualTo(before);
            checkInvariants(r, own);
        }
    }

    private void step(VolumeEngine v, int id, Random r, Map<String, byte[]> mine) throws VexfsException {
        String f = FILES[r.nextInt(FILES.length)];
        String g = FILES[r.nextInt(FILES.length)];
        String d = DIRS[r.nextInt(DIRS.length)];
        String e = DIRS[r.nextInt(DIRS.length)];
        switch (r.nextInt(12)) {
            case 0 -> {
                try (FileHandle h = v.open(f, new OpenMode(false, true, false, true, true, false, true, 0644, false))) {
                    count(f, 1);
                }
            }
            case 1 -> {
                v.unlink(f);
                count(f, -1);
            }
            case 2 -> {
                v.mkdir(d, 0755);
                count(d, 1);
            }
            case 3 -> {
                v.rmdir(d);
                count(d, -1);
            }
            case 4 -> {
                if (!f.equals(g)) {
                    v.rename(f, g, true);
                    count(f, -1);
                    count(g, 1);
                }
            }
            case 5 -> {
                if (!d.equals(e)) {
                    v.rename(d, e, true);
                    count(d, -1);
                    count(e, 1);
                }
            }
            case 6 -> {
                v.link(f, g);
                count(g, 1);
            }
            case 7 -> {
                try (FileHandle h = v.open(f, new OpenMode(false, true, false, false, false, false, true, 0644, false))) {
                    h.write(ByteBuffer.wrap(pattern(id)), 0);
                }
            }
            case 8 -> v.setXattr(r.nextBoolean() ? f : d, false, "user.t", new byte[r.nextInt(200)]);
            case 9 -> v.sync();
            default -> {
                String p = "/own/t" + id + "/f" + r.nextInt(6);
                byte[] data = new byte[r.nextInt(20_000)];
                r.nextBytes(data);
                try (FileHandle h = v.open(p, OpenMode.createTruncate())) {
                    h.write(ByteBuffer.wrap(data), 0);
                    if (r.nextInt(4) == 0) {
                        h.force(true);
                    }
                }
                mine.put(p, data);
            }
        }
    }

    private void checkInvariants(VolumeEngine v, List<Map<String, byte[]>> own) throws VexfsException {
        List<String> names = new ArrayList<>(Arrays.asList(FILES));
        names.addAll(Arrays.asList(DIRS));
        for (String n : names) {
            int c = net.getOrDefault(n, new AtomicInteger()).get();
            assertThat(c).as("net creations of " + n).isBetween(0, 1);
            assertThat(v.tryStat(n, false).isPresent()).as(n + " exists").isEqualTo(c == 1);
        }
        for (String f : FILES) {
            if (v.tryStat(f, false).isPresent()) {
                byte[] got = readAll(v, f);
                if (got.length > 0) {
                    assertThat(got.length).as(f + " size").isEqualTo(PATTERN);
                    assertThat(got).as(f + " holds one writer's whole pattern").isEqualTo(pattern(got[0] - 1));
                }
            }
        }
        for (Map<String, byte[]> mine : own) {
            for (Map.Entry<String, byte[]> e : mine.entrySet()) {
                assertThat(readAll(v, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    private static byte[] readAll(VolumeEngine v, String p) throws VexfsException {
        try (FileHandle h = v.open(p, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining() && h.read(b, b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }
}
