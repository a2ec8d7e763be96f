package io.vexfs.bench.nio;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Splits the execution samples of a {@code ProviderBenchmark -Dvexfs.bench.jfr=FILE} run: for each phase,
 * the samples of the provider target ({@code bench-vexfs}) and of the core target ({@code bench-vexfs-core}),
 * and how many of each lie outside {@code io.vexfs.core} (the provider, the JDK's {@code Files} code above it,
 * and the benchmark's own path building). The provider's CPU overhead is estimated as the difference of the
 * outside shares over the mean inside share; the load of other processes on a shared machine moves it much
 * less than wall-clock ratios, as both sides are sampled in the same rounds (it stays a sample count: with
 * a few hundred samples per cell, read it as +-5-10 points). Run the benchmark with
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints} so that inlined code (for instance the
 * allocation of a result array both sides make) is charged to the right frame.
 *
 * <pre>java -cp ... io.vexfs.bench.nio.ProfileSplit FILE</pre>
 */
public final class ProfileSplit {
    private static final List<String> PHASES = List.of("create", "stat", "read", "overwrite", "walk", "delete");

    private ProfileSplit() {
    }

    public static void main(String[] args) throws IOException {
        long[][] total = new long[2][PHASES.size()];
        long[][] outside = new long[2][PHASES.size()];
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            int side = "bench-vexfs".equals(name) ? 0 : "bench-vexfs-core".equals(name) ? 1 : -1;
            if (side < 0) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            int phase = -1;
            int outer = -1;
            for (int i = 0; i < frames.size(); i++) {
                String type = frames.get(i).getMethod().getType().getName();
                if (type.equals(PathFileOps.class.getName()) || type.equals(CoreFileOps.class.getName())) {
                    int p = PHASES.indexOf(frames.get(i).getMethod().getName());
                    if (p >= 0) {
                        phase = p;
                        outer = i;
                    }
                }
            }
            if (phase < 0) {
                continue;
            }
            total[side][phase]++;
            boolean inCore = false;
            for (int i = 0; i < outer && !inCore; i++) {
                inCore = frames.get(i).getMethod().getType().getName().startsWith("io.vexfs.core.");
            }
            if (!inCore) {
                outside[side][phase]++;
            }
        }
        System.out.printf(Locale.ROOT, "%-10s %14s %14s %14s %14s %10s%n", "samples", "provider", "  of it outside",
                "core", "  of it outside", "overhead");
        for (int p = 0; p < PHASES.size(); p++) {
            double inside = ((total[0][p] - outside[0][p]) + (total[1][p] - outside[1][p])) / 2.0;
            double overhead = inside == 0 ? Double.NaN : (outside[0][p] - outside[1][p]) / inside * 100;
            System.out.printf(Locale.ROOT, "%-10s %14d %14d %14d %14d %9.1f%%%n", PHASES.get(p), total[0][p],
                    outside[0][p], total[1][p], outside[1][p], overhead);
        }
    }
}
