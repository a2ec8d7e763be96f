package io.vexfs.core.vector;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/** Whole-graph builds over ordinals {@code [0, n)}: Lucene's concurrent builder, or one thread. */
final class GraphBuilds {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A finished build: the graph, and a builder to extend it when the graph can grow. */
    record Built(HnswGraph graph, IncrementalGraphBuilder builder) {
    }

    private GraphBuilds() {
    }

    static Built build(RandomVectorScorerSupplier supplier, VectorIndexOptions o, int n, IORunnable abortCheck)
            throws IOException {
        int workers = Math.min(o.buildThreads(), Math.max(1, n / 512));
        if (workers <= 1) {
            IncrementalGraphBuilder b = new IncrementalGraphBuilder(supplier, o.m(), o.beamWidth(), o.seed());
            b.setAbortCheck(abortCheck);
            for (int i = 0; i < n; i++) {
                if ((i & 63) == 0) {
                    abortCheck.run();
                }
                b.addGraphNode(i);
            }
            return new Built(b.getGraph(), b);
        }
        OnHeapHnswGraph empty = HnswGraphBuilder.create(supplier, o.m(), o.beamWidth(), o.seed(), n).getGraph();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "vexfs-vector-build-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HnswConcurrentMergeBuilder b = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), workers, supplier,
                    o.m(), o.beamWidth(), empty, null);
            b.setAbortCheck(abortCheck);
            return new Built(b.build(n), null);
        } finally {
            pool.shutdownNow();
        }
    }
}
