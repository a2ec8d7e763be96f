package io.vexfs.core.crash;

import io.vexfs.core.MkfsOptions;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9: a child JVM runs a seeded workload on an image file and acknowledges each forced
 * operation on stdout; the parent kills it with SIGKILL at a seeded random point, reopens the image
 * and checks that fsck is clean and that the tree is one the workload could have produced at or
 * after the last acknowledgement. (The page cache survives a kill, so this tests recovery code, not
 * fsync placement; the crash-state enumeration covers power loss.) {@code -Dvexfs.kill9.seed=N}
 * replays one round, {@code -Dvexfs.kill9.rounds=N} runs more.
 */
class KillNineTest {
    static final int OPS = 600;

    @TempDir
    Path tmp;

    static List<WorkloadOp> workload(long seed, int count) {
        Random r = new Random(seed);
        List<WorkloadOp> ops = new ArrayList<>();
        WorkloadOp[] all = WorkloadOp.values();
        for (int i = 0; i < count; i++) {
            ops.add(all[r.nextInt(all.length)]);
        }
        return ops;
    }

    static int salt(long seed, int i) {
        return (int) (seed * 31 + i);
    }

    /** The model state after each prefix of the workload, from the same base as the child's image. */
    private static List<TreeImage> expectedStates(long seed) throws Exception {
        RecordedRun.Base base = RecordedRun.standardBase();
        ModelFs m = base.model().copy();
        List<TreeImage> snaps = new ArrayList<>();
        snaps.add(m.image());
        // the operations' choices depend only on the model, so applying them to an in-memory volume
        // reproduces the child's sequence exactly
        try (VolumeEngine v = VolumeEngine.open(RecordedRun.NAME, base.image().copy(false), VolumeOptions.defaults())) {
            List<WorkloadOp> ops = workload(seed, OPS);
            for (int i = 0; i < ops.size(); i++) {
                ops.get(i).apply(v, m, salt(seed, i));
                snaps.add(m.image());
            }
        }
        return snaps;
    }

    @Test
    void killedChildLosesNothingAcknowledged() throws Exception {
        Long fixed = Long.getLong("vexfs.kill9.seed");
        long first = fixed != null ? fixed : new Random().nextLong();
        int rounds = fixed != null ? 1 : Integer.getInteger("vexfs.kill9.rounds", 4);
        int killedMidway = 0;
        for (int k = 0; k < rounds; k++) {
            long seed = first + k;
            try {
                killedMidway += round(seed) ? 1 : 0;
            } catch (Throwable t) {
                throw new AssertionError("kill -9 round failed; reproduce with -Dvexfs.kill9.seed=" + seed, t);
            }
        }
        System.out.printf("kill -9: %d rounds from seed %d, %d killed mid-workload%n", rounds, first, killedMidway);
    }

    /** One round; true if the child was killed before it finished. */
    private boolean round(long seed) throws Exception {
        Path image = tmp.resolve("kill-" + seed + ".vexfs");
        // same base as RecordedRun.standardBase, but in a file
        byte[] baseImage = imageBytes(RecordedRun.standardBase().image());
        java.nio.file.Files.write(image, baseImage);
        Random r = new Random(seed ^ 0x9E3779B97F4A7C15L);
        int killAfterAcks = 1 + r.nextInt(40);
        long extraMicros = r.nextInt(3000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), KillNineChild.class.getName(), image.toString(),
                Long.toString(seed), Integer.toString(OPS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int lastAck = 0;
        boolean done = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int acks = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                    if (++acks == killAfterAcks) {
                        long until = System.nanoTime() + extraMicros * 1000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        break;
                    }
                } else if (line.equals("DONE")) {
                    done = true;
                    break;
                }
            }
            p.destroyForcibly();
            p.waitFor();
        }
        assertThat(lastAck).as("child acknowledged something (did it start?)").isPositive();
        FsckReport before = Fsck.check(image, false);
        assertThat(before.problems()).as("fsck after kill -9 (read-only)").isEmpty();
        List<TreeImage> snaps = expectedStates(seed);
        TreeImage got;
        try (VolumeEngine v = VolumeEngine.open(image, VolumeOptions.defaults())) {
            got = TreeImage.capture(v);
        }
        assertThat(Fsck.check(image, false).problems()).as("fsck after recovery").isEmpty();
        assertThat(CrashOracle.explain(got, snaps, lastAck, snaps.size() - 1, -1))
                .as("recovered tree after the kill (last ack " + lastAck + ")").isNull();
        return !done;
    }

    private static byte[] imageBytes(io.vexfs.core.device.MemoryBlockDevice dev) {
        byte[] all = new byte[(int) (dev.blockCount() * 4096)];
        for (long b : dev.writtenBlocks()) {
            System.arraycopy(dev.peek(b), 0, all, (int) (b * 4096), 4096);
        }
        return all;
    }
}
