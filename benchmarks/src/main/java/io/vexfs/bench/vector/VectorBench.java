package io.vexfs.bench.vector;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.core.vector.KeyHit;
import io.vexfs.core.vector.SearchOptions;
import io.vexfs.core.vector.VectorIndexOptions;
import io.vexfs.core.vector.VectorSpaceIndex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Fashion-MNIST k=10 benchmark of {@link VectorSpaceIndex} next to Lucene's standalone HNSW with
 * the same M, beam width, ef and build threads, in the same JVM run: recall@10 against exact ground
 * truth, single- and multi-thread QPS, build time, reload time and index bytes.
 *
 * <p>Arguments: {@code --train N} (default all 60000), {@code --queries Q} (default 10000),
 * {@code --ef 10,20,40,80,120}, {@code --m 16}, {@code --beam 100}, {@code --threads 2},
 * {@code --seconds 2} (per QPS measurement), {@code --rounds 3} (interleaved; the best is reported), {@code --data /usr/share/datasets/fashion-mnist},
 * {@code --cache ~/.cache/vexfs-bench}, {@code --quantized} (VexFS traverses with int8 codes and
 * re-ranks in float), {@code --quick} (10k base, 1k queries, short measurements).
 */
public final class VectorBench {
    private static final int K = 10;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private VectorBench() {
    }

    /** A searcher answering the top-10 ordinals of a query. */
    private interface Searcher {
        int[] search(float[] q, int ef) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int train = 60_000;
        int queries = 10_000;
        int[] efs = {10, 20, 40, 80, 120};
        int m = 16;
        int beam = 100;
        int threads = 2;
        double seconds = 2;
        int rounds = 3;
        boolean quantized = false;
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "vexfs-bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--train" -> train = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--ef" -> efs = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--m" -> m = Integer.parseInt(args[++i]);
                case "--beam" -> beam = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--quantized" -> quantized = true;
                case "--data" -> data = Path.of(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--quick" -> {
                    train = 10_000;
                    queries = 1_000;
                    seconds = 1;
                    rounds = 2;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        float[][] base = FashionMnist.images(data.resolve("train-images-idx3-ubyte.gz"), train);
        float[][] qs = FashionMnist.images(data.resolve("t10k-images-idx3-ubyte.gz"), queries);
        int dim = base[0].length;
        System.out.printf("Fashion-MNIST: %d base x %d queries, %d dims, L2, k=%d, M=%d, beam=%d, build threads=%d, cores=%d, JDK %s%n",
                base.length, qs.length, dim, K, m, beam, threads, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        int[][] truth = GroundTruth.load(cache.resolve("fmnist-l2-k10-" + base.length + "x" + qs.length + ".gt"), base, qs,
                K, Runtime.getRuntime().availableProcessors());

        // ---- Lucene standalone HNSW
        List<float[]> list = Arrays.asList(base);
        FloatVectorValues values = FloatVectorValues.fromFloats(list, dim);
        RandomVectorScorerSupplier supplier = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                VectorSimilarityFunction.EUCLIDEAN, values);
        long t0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        OnHeapHnswGraph graph = HnswGraphBuilder.create(supplier, m, beam, 42L, base.length).getGraph();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            graph = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, supplier, m, beam, graph, null)
                    .build(base.length);
        } finally {
            pool.shutdown();
        }
        double luceneBuild = (System.nanoTime() - t0) / 1e9;
        double luceneBuildCpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        long luceneBytes = 4L * dim * base.length + graph.ramBytesUsed();
        OnHeapHnswGraph g = graph;
        Searcher lucene = (q, ef) -> {
            KnnCollector c = HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                    VectorSimilarityFunction.EUCLIDEAN, values, q), ef, g, null, Integer.MAX_VALUE);
            ScoreDoc[] sd = c.topDocs().scoreDocs;
            int[] out = new int[Math.min(K, sd.length)];
            for (int i = 0; i < out.length; i++) {
                out[i] = sd[i].doc;
            }
            return out;
        };

        // ---- VexFS index
        VectorSpec spec = new VectorSpec("fmnist", dim, VectorMetric.L2);
        VectorIndexOptions opts = VectorIndexOptions.defaults().withM(m).withBeamWidth(beam).withBuildThreads(threads)
                .withQuantized(quantized);
        System.out.printf("VexFS index: %s traversal%n", quantized ? "int8-quantized (float re-rank)" : "float32");
        t0 = System.nanoTime();
        cpu0 = OS.getProcessCpuTime();
        VectorSpaceIndex vex = VectorSpaceIndex.create(spec, opts);
        for (int i = 0; i < base.length; i++) {
            vex.put(i, base[i]);
        }
        if (!vex.awaitIdle(Duration.ofHours(1))) {
            throw new IllegalStateException("indexing did not finish: " + vex.stats());
        }
        double vexBuild = (System.nanoTime() - t0) / 1e9;
        double vexBuildCpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        long vexBytes;
        double reload;
        double reloadCpu;
        double open;
        double openCpu;
        VectorSpaceIndex reloaded;
        Arena arena = Arena.ofShared(); // holds the image for the zero-copy index until the end
        MemorySegment blob = vex.serialize(arena);
        vexBytes = blob.byteSize();
        t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        try (VectorSpaceIndex copied = VectorSpaceIndex.load(blob, opts)) {
            reloadCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            reload = (System.nanoTime() - t0) / 1e9;
            if (copied.size() != base.length) {
                throw new IllegalStateException("reloaded index lost vectors");
            }
        }
        t0 = System.nanoTime();
        c0 = CPU.getCurrentThreadCpuTime();
        reloaded = VectorSpaceIndex.open(blob, opts);
        openCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        open = (System.nanoTime() - t0) / 1e9;
        System.out.printf("VexFS stats after build: %s%n", vex.stats());
        int mismatches = 0;
        for (int i = 0; i < Math.min(200, qs.length); i++) {
            if (!vex.search(qs[i], K, null, SearchOptions.approximate(40)).stream().map(KeyHit::key).toList()
                    .equals(reloaded.search(qs[i], K, null, SearchOptions.approximate(40)).stream().map(KeyHit::key).toList())) {
                mismatches++;
            }
        }
        System.out.printf("reopened index: %d of %d queries return other keys than the original%n", mismatches, Math.min(200, qs.length));
        if (!reloaded.awaitIdle(Duration.ofMinutes(10))) { // e.g. int8 codes are rebuilt in the background after open
            throw new IllegalStateException("reopened index did not settle: " + reloaded.stats());
        }
        Searcher vexfs = (q, ef) -> {
            List<KeyHit> hits = reloaded.search(q, K, null, SearchOptions.approximate(ef));
            int[] out = new int[hits.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) hits.get(i).key();
            }
            return out;
        };
        vex.close();

        System.out.printf("%nbuild wall: Lucene %.2f s, VexFS %.2f s (ratio %.2f); build process CPU: Lucene %.2f s, VexFS %.2f s (ratio %.2f)%n",
                luceneBuild, vexBuild, vexBuild / luceneBuild, luceneBuildCpu, vexBuildCpu, vexBuildCpu / luceneBuildCpu);
        System.out.printf("reload: VexFS load (copying vectors) %.3f s wall / %.3f s CPU, open (vectors read in place) %.3f s wall / %.3f s CPU"
                + " (loading thread; Lucene standalone has no persistence)%n", reload, reloadCpu, open, openCpu);
        System.out.printf("index bytes: Lucene %,d (vectors + graph RAM), VexFS %,d (serialized: vectors + keys + tombstones + graph)%n%n",
                luceneBytes, vexBytes);
        System.out.printf("| ef | Lucene recall@10 | VexFS recall@10 | Lucene QPS 1t | VexFS QPS 1t | ratio 1t "
                + "| Lucene q/CPU-s 1t | VexFS q/CPU-s 1t | ratio | Lucene QPS %dt | VexFS QPS %dt | ratio %dt |%n",
                threads, threads, threads);
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int ef : efs) {
            double rl = recall(lucene, qs, truth, ef);
            double rv = recall(vexfs, qs, truth, ef);
            double l1 = 0, v1 = 0, lt = 0, vt = 0, lc = 0, vc = 0;
            for (int round = 0; round < rounds; round++) { // interleaved, best of rounds: the cores are shared
                double[] l = qps(lucene, qs, ef, 1, seconds);
                double[] v = qps(vexfs, qs, ef, 1, seconds);
                l1 = Math.max(l1, l[0]);
                lc = Math.max(lc, l[1]);
                v1 = Math.max(v1, v[0]);
                vc = Math.max(vc, v[1]);
                lt = Math.max(lt, qps(lucene, qs, ef, threads, seconds)[0]);
                vt = Math.max(vt, qps(vexfs, qs, ef, threads, seconds)[0]);
            }
            System.out.printf("| %d | %.4f | %.4f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", ef, rl, rv,
                    l1, v1, v1 / l1, lc, vc, vc / lc, lt, vt, vt / lt);
        }
        reloaded.close();
        arena.close();
    }

    private static double recall(Searcher s, float[][] qs, int[][] truth, int ef) throws Exception {
        long hit = 0;
        for (int i = 0; i < qs.length; i++) {
            int[] got = s.search(qs[i], ef);
            for (int t : truth[i]) {
                for (int x : got) {
                    if (x == t) {
                        hit++;
                        break;
                    }
                }
            }
        }
        return (double) hit / ((long) qs.length * K);
    }

    /**
     * Queries per wall-clock second over {@code threads} threads, and queries per CPU-second of the
     * searching threads (robust against other load on shared cores), after a warm-up pass.
     */
    private static double[] qps(Searcher s, float[][] qs, int ef, int threads, double seconds) throws Exception {
        for (int i = 0; i < Math.min(qs.length, 2000); i++) {
            s.search(qs[i], ef);
        }
        AtomicLong done = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int tid = t;
            ts.add(Thread.ofPlatform().start(() -> {
                long c = 0;
                int i = tid;
                long cpu0 = CPU.getCurrentThreadCpuTime();
                try {
                    while (System.nanoTime() < deadline) {
                        s.search(qs[i], ef);
                        c++;
                        i = (i + threads) % qs.length;
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu0);
                done.addAndGet(c);
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        return new double[] {done.get() / ((System.nanoTime() - t0) / 1e9), done.get() / (cpuNanos.get() / 1e9)};
    }
}
