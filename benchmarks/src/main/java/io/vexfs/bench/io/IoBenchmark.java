package io.vexfs.bench.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * vexfs-core (Volume API) against the host file system (java.nio) in the same JVM run: sequential write with a
 * final force, warm sequential read, warm random 4 KiB reads, and creation of many small files with one final sync.
 * Each workload runs {@code warmups} unmeasured then {@code runs} measured times per target, the targets alternating
 * in order from run to run so background noise falls on both; the median throughput is reported with its range.
 */
public final class IoBenchmark {
    private static final int PAGE = 4096;
    private final IoBenchmarkConfig config;
    private final Path scratchParent;
    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();
    private final boolean runHost;
    private final boolean runVexfs;

    /** Both targets, for the comparison. */
    public IoBenchmark(IoBenchmarkConfig config, Path scratchParent, PrintStream out) {
        this(config, scratchParent, out, true, true);
    }

    /** Only the chosen targets (one alone is for profiling; the table then has no ratios). */
    public IoBenchmark(IoBenchmarkConfig config, Path scratchParent, PrintStream out, boolean runHost, boolean runVexfs) {
        if (!runHost && !runVexfs) {
            throw new IllegalArgumentException("no target to run");
        }
        this.config = config;
        this.scratchParent = scratchParent;
        this.out = out;
        this.runHost = runHost;
        this.runVexfs = runVexfs;
    }

    /** One workload's result on both targets. */
    private record Row(String workload, String unit, Samples host, Samples vexfs, String target) {
    }

    /** A timed action returning a digest of what it read (0 for writes); may mark the end of a first phase. */
    @FunctionalInterface
    private interface Timed {
        long run(StorageTarget t, Lap lap) throws IOException;
    }

    /** Marks the end of the first phase of a timed action (e.g. creating files, before the sync). */
    private static final class Lap {
        long nanos = -1;

        void mark() {
            nanos = System.nanoTime();
        }
    }

    /** Untimed set-up or tear-down around a run. */
    @FunctionalInterface
    private interface Untimed {
        void run(StorageTarget t, int run) throws IOException;
    }

    public void run() throws IOException {
        Path scratch = Files.createTempDirectory(scratchParent, "vexfs-bench-io");
        out.println("VexFS I/O benchmark: vexfs-core Volume API vs the host file system (java.nio), same JVM run");
        MachineDescription.lines(scratch).forEach(l -> out.println("  " + l));
        out.printf(Locale.ROOT, "  method: %d warm-up + %d measured runs per workload and target, alternating order;"
                + " median [min..max]%n%n", config.warmups(), config.runs());
        try (StorageTarget host = runHost ? new HostTarget(scratch.resolve("host")) : null;
             StorageTarget vexfs = runVexfs ? new VexfsTarget(scratch.resolve("vexfs"), config) : null) {
            StorageTarget[] targets = {host, vexfs};
            sequentialWrite(targets);
            sequentialRead(targets);
            randomReads(targets);
            smallFiles(targets);
        } finally {
            Files.deleteIfExists(scratch);
        }
        printTable();
    }

    private void sequentialWrite(StorageTarget[] targets) throws IOException {
        long size = config.bigFileBytes();
        ChunkPattern pattern = new ChunkPattern(config.chunkBytes());
        Samples[] s = measure("sequential write", targets,
                (t, run) -> t.delete("big.bin"),
                (t, lap) -> {
                    t.writeSequential("big.bin", size, pattern::chunk);
                    return 0;
                },
                (t, run) -> { },
                size / (double) (1 << 20));
        rows.add(new Row("sequential write " + mib(size) + " + force", "MiB/s", s[0], s[1], ""));
    }

    private void sequentialRead(StorageTarget[] targets) throws IOException {
        long size = config.bigFileBytes();
        long expected = new ChunkPattern(config.chunkBytes()).digestOf(size);
        ByteBuffer buffer = ByteBuffer.allocateDirect(config.chunkBytes());
        Samples[] s = measure("sequential read", targets, (t, run) -> { },
                (t, lap) -> check(t, "sequential read", expected, t.readSequential("big.bin", buffer)),
                (t, run) -> { },
                size / (double) (1 << 20));
        rows.add(new Row("sequential read " + mib(size) + " (warm)", "MiB/s", s[0], s[1], ">= 0.9x"));
    }

    private void randomReads(StorageTarget[] targets) throws IOException {
        long pages = config.bigFileBytes() / PAGE;
        long[] offsets = new Random(20240601L).longs(config.randomReads(), 0, pages).map(p -> p * PAGE).toArray();
        ByteBuffer buffer = ByteBuffer.allocateDirect(PAGE);
        long[] reference = {Long.MIN_VALUE};
        Samples[] s = measure("random 4 KiB reads", targets, (t, run) -> { },
                (t, lap) -> {
                    long d = t.readRandom("big.bin", offsets, buffer);
                    if (reference[0] == Long.MIN_VALUE) {
                        reference[0] = d;
                    }
                    return check(t, "random reads", reference[0], d);
                },
                (t, run) -> { },
                config.randomReads() / 1000.0);
        rows.add(new Row("random 4 KiB reads (warm, " + config.randomReads() + ")", "k reads/s", s[0], s[1], ">= 0.9x"));
    }

    private void smallFiles(StorageTarget[] targets) throws IOException {
        ByteBuffer content = ByteBuffer.allocateDirect(config.smallFileBytes());
        new Random(7).ints(config.smallFileBytes(), 0, 256).forEach(b -> content.put((byte) b));
        content.flip();
        Samples[] s = measure("small files", targets,
                (t, run) -> t.beforeSmallFiles("small-" + run),
                (t, lap) -> {
                    t.createSmallFiles(currentSmallDir, config.smallFiles(), content);
                    lap.mark();
                    t.syncSmallFiles(currentSmallDir);
                    return 0;
                },
                (t, run) -> t.afterSmallFiles("small-" + run),
                config.smallFiles() / 1000.0);
        String files = config.smallFiles() + " x " + config.smallFileBytes() / 1024 + " KiB files";
        rows.add(new Row("create " + files + " + sync", "k files/s", s[0], s[1], ">= 1.5x"));
        rows.add(new Row("  of which creating (before the sync)", "k files/s", s[2], s[3], ""));
    }

    private String currentSmallDir;

    private Samples[] measure(String what, StorageTarget[] targets, Untimed before, Timed body, Untimed after,
                              double units) throws IOException {
        Samples[] samples = {new Samples(), new Samples(), new Samples(), new Samples()};
        int total = config.warmups() + config.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= config.warmups();
            for (int k = 0; k < 2; k++) {
                int idx = (run + k) % 2; // alternate which target goes first
                StorageTarget t = targets[idx];
                if (t == null) {
                    continue;
                }
                currentSmallDir = "small-" + run;
                before.run(t, run);
                Lap lap = new Lap();
                long t0 = System.nanoTime();
                body.run(t, lap);
                long nanos = System.nanoTime() - t0;
                after.run(t, run);
                if (measured) {
                    samples[idx].add(units / (nanos / 1e9));
                    if (lap.nanos >= 0) {
                        samples[idx + 2].add(units / ((lap.nanos - t0) / 1e9));
                    }
                }
                System.err.printf(Locale.ROOT, "  %-20s %-6s run %d%s: %.1f ms%s%n", what, t.name(), run + 1,
                        measured ? "" : " (warm-up)", nanos / 1e6,
                        lap.nanos < 0 ? "" : String.format(Locale.ROOT, " (%.1f ms before the sync)", (lap.nanos - t0) / 1e6));
            }
        }
        return samples;
    }

    private static long check(StorageTarget t, String what, long expected, long actual) throws IOException {
        if (expected != actual) {
            throw new IOException(t.name() + ": " + what + " returned different data than was written (digest "
                    + Long.toHexString(actual) + ", expected " + Long.toHexString(expected) + ")");
        }
        return actual;
    }

    private void printTable() {
        String fmt = "%-44s %-10s %24s %24s %10s  %s%n";
        out.printf(Locale.ROOT, fmt, "workload", "unit", "host", "vexfs", "vexfs/host", "target");
        out.println("-".repeat(44 + 10 + 24 + 24 + 10 + 14));
        for (Row r : rows) {
            boolean both = !r.host().isEmpty() && !r.vexfs().isEmpty();
            double ratio = both ? r.vexfs().median() / r.host().median() : Double.NaN;
            String verdict = r.target().isEmpty() || !both ? "" : r.target() + (meets(ratio, r.target()) ? " met" : " NOT met");
            out.printf(Locale.ROOT, fmt, r.workload(), r.unit(), cell(r.host()), cell(r.vexfs()),
                    both ? String.format(Locale.ROOT, "%.2fx", ratio) : "-", verdict);
        }
        out.println();
        out.println("vexfs/host > 1 means vexfs is faster. Host small-file sync is syncfs(2) of the scratch file system;"
                + " vexfs sync is Volume.sync().");
    }

    private static boolean meets(double ratio, String target) {
        return ratio >= Double.parseDouble(target.replaceAll("[^0-9.]", ""));
    }

    private static String cell(Samples s) {
        if (s.isEmpty()) {
            return "not run";
        }
        return String.format(Locale.ROOT, "%.1f [%.0f..%.0f]", s.median(), s.min(), s.max());
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
