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
 *   ./run bench                 every part (currently: io)
 *   ./run bench io              vexfs-core vs the host file system: sequential/random I/O, small-file creation
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
                case "io", "all" -> parts.add(args[i]);
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "'");
                    usage();
                    System.exit(2);
                }
            }
        }
        if (parts.isEmpty() || parts.contains("all") || parts.contains("io")) {
            new IoBenchmark(config, dir, System.out, host, vexfs).run();
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
        System.out.println("usage: ./run bench [all|io] [--quick] [--dir DIR] [--runs N] [--only host|vexfs]");
    }
}
