package io.vexfs.bench.nio;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times small-file operations through the vexfs NIO provider against, in the same run, the host file
 * system (a temp directory through the default provider), jimfs, and the vexfs core called directly
 * (the provider's own overhead). Each round uses fresh targets in a rotating order; the first rounds
 * are warm-up; each target starts on a collected heap ({@code System.gc()} before it, untimed); stat, read
 * and overwrite run three passes per round and the fastest counts; the report
 * gives the median and the best round per operation, and ratios.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... io.vexfs.bench.nio.ProviderBenchmark [files] [rounds] [warmups]</pre>
 *
 * <p>{@code -Dvexfs.bench.jfr=FILE} records execution samples of the measured rounds (each target runs on
 * a thread named {@code bench-<target>}); {@link ProfileSplit} splits them into the provider's own share
 * and the core's.
 */
public final class ProviderBenchmark {
    private static final String[] PHASES = {"create", "stat", "read", "overwrite", "walk", "delete"};
    private static final int DIRECTORIES = 20;
    private static final int FILE_SIZE = 1024;
    /** Passes of the repeatable phases per round; the fastest counts. */
    private static final int PASSES = 3;

    /** Keeps results observable so the JIT cannot drop the work. */
    private static volatile int blackhole;
    /** {@code -Dvexfs.bench.verbose=true} prints every round's figures. */
    private static final boolean VERBOSE = Boolean.getBoolean("vexfs.bench.verbose");

    private ProviderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = Files.createTempDirectory("vexfs-provider-bench");
        List<String> targets = List.of("host", "jimfs", "vexfs", "vexfs-core");
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        for (String t : targets) {
            Map<String, List<Double>> byPhase = new LinkedHashMap<>();
            for (String p : PHASES) {
                byPhase.put(p, new ArrayList<>());
            }
            results.put(t, byPhase);
        }
        System.out.printf(Locale.ROOT, "provider benchmark: %d files of %d B in %d directories, %d rounds (+%d warm-up)%n",
                files, FILE_SIZE, DIRECTORIES, rounds, warmups);
        String jfr = System.getProperty("vexfs.bench.jfr");
        jdk.jfr.Recording recording = null;
        for (int round = 0; round < rounds + warmups; round++) {
            if (round == warmups && jfr != null) {
                recording = startRecording(Path.of(jfr));
            }
            for (int k = 0; k < targets.size(); k++) {
                String t = targets.get((k + round) % targets.size());
                Path dir = Files.createDirectory(work.resolve(t + "-" + round));
                // start each target on a collected heap: the previous target's caches and files (jimfs keeps
                // all its data on the heap) must not be collected on this target's time
                System.gc();
                try (FileOps ops = open(t, dir)) {
                    double[] perOp = onThread("bench-" + t, () -> runOnce(ops, files));
                    if (VERBOSE) {
                        System.out.printf(Locale.ROOT, "round %d %-10s%s%n", round, t, java.util.Arrays.toString(perOp));
                    }
                    if (round >= warmups) {
                        for (int p = 0; p < PHASES.length; p++) {
                            results.get(t).get(PHASES[p]).add(perOp[p]);
                        }
                    }
                }
                deleteTree(dir);
            }
        }
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.println("profile of the measured rounds: " + jfr + " (split it with ProfileSplit)");
        }
        report(results, files);
        deleteTree(work);
    }

    /** Execution samples every 2 ms, to a file, until stopped. */
    private static jdk.jfr.Recording startRecording(Path file) throws IOException {
        jdk.jfr.Recording r = new jdk.jfr.Recording();
        r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2)).withStackTrace();
        r.setDestination(file);
        r.start();
        return r;
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code body} on a thread of its own, named after the target, so that profiles tell the
     * targets apart (the provider and the host run the same {@link PathFileOps} code).
     */
    private static <T> T onThread(String name, Body<T> body) throws IOException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure[0] instanceof IOException e) {
            throw e;
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static FileOps open(String target, Path dir) throws IOException {
        return switch (target) {
            case "host" -> new PathFileOps("host", Files.createDirectory(dir.resolve("root")), null);
            case "jimfs" -> {
                FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
                yield new PathFileOps("jimfs", Files.createDirectory(fs.getPath("/root")), fs);
            }
            case "vexfs" -> {
                FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:" + dir.resolve("p.vexfs").toUri()),
                        Map.of("create", "true", "size", "1g"));
                yield new PathFileOps("vexfs", fs.getPath("/"), fs);
            }
            case "vexfs-core" -> {
                Path image = dir.resolve("c.vexfs");
                Volume.mkfs(image, MkfsOptions.ofSize(1L << 30));
                yield new CoreFileOps(Volume.open(image, VolumeOptions.defaults()));
            }
            default -> throw new IllegalArgumentException(target);
        };
    }

    /** Runs every phase once; returns microseconds per operation (per walk for "walk"). */
    private static double[] runOnce(FileOps ops, int files) throws IOException {
        ops.prepare(DIRECTORIES);
        byte[] a = new byte[FILE_SIZE];
        byte[] b = new byte[FILE_SIZE];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        double[] out = new double[PHASES.length];
        out[0] = time(files, () -> each(files, (d, f) -> {
            ops.create(d, f, a);
            return null;
        }));
        out[1] = fastestOf(PASSES, files, () -> each(files, (d, f) -> ops.stat(d, f)));
        out[2] = fastestOf(PASSES, files, () -> each(files, (d, f) -> ops.read(d, f)));
        out[3] = fastestOf(PASSES, files, () -> each(files, (d, f) -> {
            ops.overwrite(d, f, b);
            return null;
        }));
        long[] walked = new long[1];
        out[4] = time(3, () -> {
            for (int i = 0; i < 3; i++) {
                walked[0] = ops.walk();
            }
            return walked[0];
        });
        if (walked[0] != files + DIRECTORIES + 1) {
            throw new IllegalStateException(ops.name() + ": walk saw " + walked[0] + " entries");
        }
        if (ops.read(0, 0).length != FILE_SIZE) {
            throw new IllegalStateException(ops.name() + ": bad content");
        }
        out[5] = time(files, () -> each(files, (d, f) -> {
            ops.delete(d, f);
            return null;
        }));
        return out;
    }

    @FunctionalInterface
    private interface FileOp {
        Object apply(int dir, int file) throws IOException;
    }

    @FunctionalInterface
    private interface Timed {
        Object run() throws IOException;
    }

    private static Object each(int files, FileOp op) throws IOException {
        Object last = null;
        for (int i = 0; i < files; i++) {
            last = op.apply(i % DIRECTORIES, i);
        }
        return last;
    }

    private static double time(int operations, Timed body) throws IOException {
        long start = System.nanoTime();
        Object result = body.run();
        long elapsed = System.nanoTime() - start;
        blackhole ^= System.identityHashCode(result);
        return elapsed / 1000.0 / operations;
    }

    /** The fastest of {@code passes} repetitions (stat, read and overwrite can repeat on the same files). */
    private static double fastestOf(int passes, int operations, Timed body) throws IOException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            best = Math.min(best, time(operations, body));
        }
        return best;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static void report(Map<String, Map<String, List<Double>>> results, int files) {
        table("median", results, ProviderBenchmark::median);
        table("best", results, ProviderBenchmark::min);
        System.out.printf(Locale.ROOT, "('walk' is per walk of %d entries; ratios > 1 mean vexfs is slower)%n",
                files + DIRECTORIES + 1);
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", cores: " + Runtime.getRuntime().availableProcessors());
    }

    private static void table(String statistic, Map<String, Map<String, List<Double>>> results,
                              java.util.function.ToDoubleFunction<List<Double>> f) {
        System.out.printf(Locale.ROOT, "%n%-16s %11s %11s %11s %11s   %10s %11s %9s%n", statistic + " µs/op", "host",
                "jimfs", "vexfs", "vexfs-core", "vexfs/host", "vexfs/jimfs", "nio/core");
        for (String phase : PHASES) {
            double host = f.applyAsDouble(results.get("host").get(phase));
            double jimfs = f.applyAsDouble(results.get("jimfs").get(phase));
            double vexfs = f.applyAsDouble(results.get("vexfs").get(phase));
            double core = f.applyAsDouble(results.get("vexfs-core").get(phase));
            System.out.printf(Locale.ROOT, "%-16s %11.2f %11.2f %11.2f %11.2f   %10.2f %11.2f %9.2f%n", phase, host,
                    jimfs, vexfs, core, vexfs / host, vexfs / jimfs, vexfs / core);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
