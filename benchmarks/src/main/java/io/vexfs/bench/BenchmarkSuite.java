package io.vexfs.bench;

import io.vexfs.bench.io.IoBenchmark;
import io.vexfs.bench.io.IoBenchmarkConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code ./run bench}: runs the side-by-side comparisons and prints their tables.
 *
 * <pre>
 *   ./run bench                 every part: io, nio, groupcommit, vector
 *   ./run bench io              vexfs-core vs the host file system: sequential/random I/O, small-file creation
 *   ./run bench nio             Files operations: provider vs host vs jimfs vs vexfs-core
 *   ./run bench groupcommit     1/4/16 threads creating and forcing 4 KiB files: vexfs vs host fsync
 *   ./run bench reopen          reopening a volume with 60k indexed vectors: persisted graph vs rebuild
 *   ./run bench vector          Fashion-MNIST k-NN: VexFS index vs Lucene's standalone HNSW (add --quick-vector
 *                               for 10k/1k)
 *   ./run bench io --quick      the same with small sizes (a smoke run; numbers are not representative)
 *   options: --dir DIR (where images and host files go; default java.io.tmpdir), --runs N (measured runs, default 5),
 *            --only host|vexfs (one side alone, e.g. under a profiler; no ratios)
 * </pre>
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        List<String> parts = new ArrayList<>();
        IoBenchmarkConfig config = IoBenchmarkConfig.standard();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        boolean host = true;
        boolean vexfs = true;
        boolean quickVector = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> config = IoBenchmarkConfig.quick();
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--runs" -> config = config.withRuns(Integer.parseInt(value(args, ++i, "--runs")));
                case "--only" -> {
                    String which = value(args, ++i, "--only");
                    host = which.equals("host");
                    vexfs = which.equals("vexfs");
                    if (!host && !vexfs) {
                        System.err.println("bench: --only takes host or vexfs");
                        System.exit(2);
                    }
                }
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                case "io", "all", "nio", "groupcommit", "vector", "reopen" -> parts.add(args[i]);
                case "--quick-vector" -> quickVector = true;
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "'");
                    usage();
                    System.exit(2);
                }
            }
        }
        boolean all = parts.isEmpty() || parts.contains("all");
        if (all || parts.contains("io")) {
            new IoBenchmark(config, dir, System.out, host, vexfs).run();
        }
        if (all || parts.contains("nio")) {
            System.out.println("\n## Files API: provider vs host vs jimfs vs vexfs-core\n");
            io.vexfs.bench.nio.ProviderBenchmark.main(new String[0]);
        }
        if (all || parts.contains("groupcommit")) {
            System.out.println("\n## Group commit: durable 4 KiB file creation, vexfs vs host\n");
            io.vexfs.bench.durability.GroupCommitBenchmark.main(new String[] {dir.toString()});
        }
        if (all || parts.contains("reopen")) {
            System.out.println("\n## Reopening a volume with indexed vectors: persisted graph vs rebuild (Fashion-MNIST)\n");
            io.vexfs.bench.vector.VolumeReopenBench.main(quickVector ? new String[] {"10000"} : new String[0]);
        }
        if (all || parts.contains("vector")) {
            System.out.println("\n## Vector search: VexFS index vs Lucene standalone HNSW (Fashion-MNIST)\n");
            io.vexfs.bench.vector.VectorBench.main(quickVector ? new String[] {"--quick"} : new String[0]);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("bench: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("usage: ./run bench [all|io|nio|groupcommit|vector] [--quick] [--quick-vector] [--dir DIR]"
                + " [--runs N] [--only host|vexfs]");
    }
}
