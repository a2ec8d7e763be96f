package io.vexfs.bench.vector;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VectorHit;
import io.vexfs.core.VectorQuery;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.engine.VolumeEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reopening a volume whose vectors are indexed, through the product path (volume open, first
 * search): with the graph persisted at the last clean close and opened in place over the volume's
 * mapping, next to the only alternative a volume has, rebuilding the graph from the files' vectors
 * (the graph made stale on purpose), in the same run. Fashion-MNIST train images as 784-dim L2
 * vectors on files {@code /img/N}. Arguments: [images (default 60000)] [work dir].
 */
public final class VolumeReopenBench {
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String SPACE = "pixels";

    private VolumeReopenBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        Path work = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        float[][] base = FashionMnist.images(DATA.resolve("train-images-idx3-ubyte.gz"), n);
        float[][] queries = FashionMnist.images(DATA.resolve("t10k-images-idx3-ubyte.gz"), 200);
        n = base.length;
        Path image = Files.createTempFile(work, "vexfs-reopen-", ".vexfs");
        try {
            Volume.mkfs(image, MkfsOptions.ofSize(Math.max(2L << 30, n * 32_768L)).withOverwrite(true));
            long t0 = System.nanoTime();
            try (VolumeEngine v = (VolumeEngine) Volume.open(image, VolumeOptions.defaults())) {
                v.createVectorSpace(new VectorSpec(SPACE, 784, VectorMetric.L2));
                v.mkdir("/img", 0755);
                for (int i = 0; i < n; i++) {
                    v.open("/img/" + i, OpenMode.createTruncate()).close();
                    v.setVector("/img/" + i, SPACE, base[i]);
                    if ((i + 1) % 10_000 == 0) {
                        System.out.printf("  stored %d vectors%n", i + 1);
                    }
                }
                double ingest = seconds(t0);
                t0 = System.nanoTime();
                v.search("/", SPACE, queries[0], 10, VectorQuery.defaults());
                if (!v.awaitVectorIndexes(Duration.ofHours(1))) {
                    throw new IllegalStateException("indexing did not finish");
                }
                double build = seconds(t0);
                t0 = System.nanoTime();
                v.close();
                System.out.printf("%d files with vectors: stored in %.1f s, graph built in %.1f s, clean close (persists it) %.2f s%n",
                        n, ingest, build, seconds(t0));
            }
            // reopen with the persisted graph
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            double persistedFirstCpu;
            double persistedOpen;
            double persistedFirst;
            double persistedMedian;
            double persistedIdle;
            List<String> answers;
            try (VolumeEngine v = (VolumeEngine) Volume.open(image, VolumeOptions.defaults())) {
                persistedOpen = seconds(t0);
                answers = paths(v.search("/", SPACE, queries[0], 10, VectorQuery.defaults()));
                persistedFirst = seconds(t0);
                persistedFirstCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                if (!v.vectorIndexesReloaded() || v.vectorGraphsOpenedInPlace() != 1) {
                    throw new IllegalStateException("the persisted graph was not reopened in place");
                }
                if (!v.awaitVectorIndexes(Duration.ofHours(1))) {
                    throw new IllegalStateException("reopened index did not settle");
                }
                persistedIdle = seconds(t0);
                persistedMedian = medianQueryMillis(v, queries);
            }
            // make the graph stale (a change while the index is not loaded), then reopen: rebuild
            try (Volume v = Volume.open(image, VolumeOptions.defaults())) {
                v.setVector("/img/0", SPACE, base[0]);
            }
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            double rebuildFirstCpu;
            double rebuildFirst;
            double rebuildIdle;
            double rebuildMedian;
            try (VolumeEngine v = (VolumeEngine) Volume.open(image, VolumeOptions.defaults())) {
                List<String> again = paths(v.search("/", SPACE, queries[0], 10, VectorQuery.defaults()));
                rebuildFirst = seconds(t0);
                rebuildFirstCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                if (v.vectorIndexesReloaded()) {
                    throw new IllegalStateException("expected a rebuild");
                }
                if (!v.awaitVectorIndexes(Duration.ofHours(1))) {
                    throw new IllegalStateException("rebuild did not finish");
                }
                rebuildIdle = seconds(t0);
                rebuildMedian = medianQueryMillis(v, queries);
                System.out.printf("first answer identical after reopen and after rebuild: %s%n", answers.equals(again));
            }
            System.out.printf("%n| reopen of %d vectors (784 dims) | persisted graph, in place | rebuilt from the files | rebuilt / persisted |%n", n);
            System.out.println("|---|---:|---:|---:|");
            System.out.printf("| volume open | %.3f s | | |%n", persistedOpen);
            System.out.printf("| open + first search answered | %.3f s | %.3f s | %.1f |%n", persistedFirst, rebuildFirst,
                    rebuildFirst / persistedFirst);
            System.out.printf("| the same, CPU of the opening thread | %.3f s | %.3f s | %.1f |%n", persistedFirstCpu,
                    rebuildFirstCpu, rebuildFirstCpu / persistedFirstCpu);
            System.out.printf("| until the index is idle (nothing left to index) | %.3f s | %.1f s | %.0f |%n", persistedIdle,
                    rebuildIdle, rebuildIdle / persistedIdle);
            System.out.printf("| median query (k=10, 200 queries) after that | %.2f ms | %.2f ms | %.2f |%n", persistedMedian,
                    rebuildMedian, rebuildMedian / persistedMedian);
        } finally {
            Files.deleteIfExists(image);
        }
    }

    private static List<String> paths(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::path).toList();
    }

    private static double medianQueryMillis(Volume v, float[][] queries) throws Exception {
        for (float[] q : queries) { // warm-up pass: JIT, page cache, mapping faults
            v.search("/", SPACE, q, 10, VectorQuery.defaults());
        }
        double[] ms = new double[queries.length];
        for (int i = 0; i < queries.length; i++) {
            long t = System.nanoTime();
            v.search("/", SPACE, queries[i], 10, VectorQuery.defaults());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
