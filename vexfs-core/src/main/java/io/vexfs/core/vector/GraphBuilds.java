package io.vexfs.core.vector;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.InitializedHnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Graph builds off to the side: a whole graph over ordinals {@code [0, n)}, or an existing graph over
 * {@code [0, b)} extended to {@code [0, n)} the way Lucene merges initialize from a segment's graph.
 * Several workers use Lucene's concurrent builder; one worker inserts in order.
 */
final class GraphBuilds {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A finished build: the graph, and a builder to extend it when the graph can grow. */
    record Built(HnswGraph graph, IncrementalGraphBuilder builder) {
    }

    private GraphBuilds() {
    }

    private static int workers(VectorIndexOptions o, int newNodes) {
        return Math.min(o.buildThreads(), Math.max(1, newNodes / 512));
    }

    /** Copies {@code graph} (nodes {@code [0, b)}) into a fixed graph of {@code n} nodes and inserts {@code [b, n)}. */
    static Built extend(RandomVectorScorerSupplier supplier, VectorIndexOptions o, HnswGraph graph, int b, int n,
                        IORunnable abortCheck) throws IOException {
        if (b == 0) {
            return build(supplier, o, n, abortCheck);
        }
        int[] identity = new int[b];
        for (int i = 0; i < b; i++) {
            identity[i] = i;
        }
        FixedBitSet initialized = new FixedBitSet(n);
        initialized.set(0, b);
        int workers = workers(o, n - b);
        if (workers <= 1) {
            InitializedHnswGraphBuilder ib = InitializedHnswGraphBuilder.fromGraph(supplier, o.beamWidth(), o.seed(), graph,
                    identity, initialized, n);
            for (int i = b; i < n; i++) {
                if ((i & 63) == 0) {
                    abortCheck.run();
                }
                ib.addGraphNode(i);
            }
            return new Built(ib.getGraph(), null);
        }
        OnHeapHnswGraph init = InitializedHnswGraphBuilder.initGraph(graph, identity, n, o.beamWidth(), supplier);
        return new Built(concurrent(supplier, o, workers, init, initialized, n, abortCheck), null);
    }

    static Built build(RandomVectorScorerSupplier supplier, VectorIndexOptions o, int n, IORunnable abortCheck)
            throws IOException {
        int workers = workers(o, n);
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
        return new Built(concurrent(supplier, o, workers, empty, null, n, abortCheck), null);
    }

    private static OnHeapHnswGraph concurrent(RandomVectorScorerSupplier supplier, VectorIndexOptions o, int workers,
                                              OnHeapHnswGraph start, FixedBitSet initialized, int n,
                                              IORunnable abortCheck) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "vexfs-vector-build-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HnswConcurrentMergeBuilder b = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), workers, supplier,
                    o.m(), o.beamWidth(), start, initialized);
            b.setAbortCheck(abortCheck);
            return b.build(n);
        } finally {
            pool.shutdownNow();
        }
    }
}
