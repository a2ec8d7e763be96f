package io.vexfs.core.vector;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import org.apache.lucene.internal.hppc.LongIntHashMap;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * The single indexer thread behind the Disruptor ring. It brings the graph up to the store: one
 * insertion at a time under short write locks for trickles, a parallel off-side rebuild (swapped in
 * at the end) for large backlogs, and compaction with a fresh graph once dead ordinals pass the
 * threshold. Searches never wait for a build: until the graph covers an ordinal, searches scan it.
 */
final class GraphMaintainer implements EventHandler<IndexSignal> {
    private static final long INSERT_SLICE_NANOS = 2_000_000L;
    private static final long SETTLE_MAX_MILLIS = 250;
    private static final int QUANTIZER_MIN_VECTORS = 1024;

    private final VectorSpaceIndex index;
    private final VectorIndexOptions options;
    private final IORunnable abortCheck;

    GraphMaintainer(VectorSpaceIndex index, VectorIndexOptions options) {
        this.index = index;
        this.options = options;
        this.abortCheck = () -> {
            if (index.isClosed()) {
                throw new IOException("vector index closed");
            }
        };
    }

    @Override
    public void onEvent(IndexSignal event, long sequence, boolean endOfBatch) {
        if (endOfBatch) {
            work();
        }
    }

    @Override
    public void onTimeout(long sequence) {
        work();
    }

    /** Runs until the graph covers the store and no compaction is due. */
    void work() {
        try {
            while (!index.isClosed()) {
                Generation g = index.generation();
                if (needsCompaction(g)) {
                    compact(g);
                    continue;
                }
                if (needsQuantizer(g)) {
                    trainQuantizer(g);
                    continue;
                }
                int n = g.store.size();
                int b = g.indexedBound;
                if (b >= n) {
                    break;
                }
                int backlog = n - b;
                if (backlog >= options.bulkBuildThreshold()) {
                    bulkBuild(g, settle(g));
                } else if (g.builder == null) {
                    makeGrowable(g);
                } else {
                    insertSlice(g, n);
                }
                index.signalProgress();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!index.isClosed()) {
                index.indexerFailed(e);
            }
        } finally {
            index.signalProgress();
        }
    }

    boolean needsQuantizer(Generation g) {
        return g.codes != null && g.quantizer == null && g.indexedBound >= QUANTIZER_MIN_VECTORS;
    }

    boolean needsCompaction(Generation g) {
        int dead = g.dead.count();
        return dead >= options.compactionMinDead() && dead >= options.compactionRatio() * g.store.size();
    }

    private void insertSlice(Generation g, int n) throws IOException {
        long deadline = System.nanoTime() + INSERT_SLICE_NANOS;
        long stamp = g.graphLock.writeLock();
        try {
            int b = g.bound;
            while (b < n) {
                code(g, g.quantizer, b, b + 1);
                g.builder.addGraphNode(b++);
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            g.setGraph(g.graph, g.builder, b);
        } finally {
            g.graphLock.unlockWrite(stamp);
        }
    }

    /** Trains the int8 quantizer on the indexed vectors, codes them, then publishes it for searches. */
    private void trainQuantizer(Generation g) {
        int b = g.indexedBound;
        Int8Quantizer q = Int8Quantizer.train(g.store, b);
        code(g, q, 0, b);
        long stamp = g.graphLock.writeLock();
        try {
            code(g, q, b, g.bound); // anything indexed meanwhile (nothing: only this thread indexes)
            g.quantizer = q;
        } finally {
            g.graphLock.unlockWrite(stamp);
        }
    }

    /** Writes the int8 codes of ordinals {@code [from, to)} when quantizing. */
    private static void code(Generation g, Int8Quantizer q, int from, int to) {
        if (g.codes == null || q == null || from >= to) {
            return;
        }
        float[] v = new float[g.store.dimension()];
        byte[] c = new byte[v.length];
        for (int ord = from; ord < to; ord++) {
            int sum = q.quantize(g.store.copy(ord, v), c);
            g.codes.set(ord, c, sum);
        }
    }

    /**
     * Before a bulk build, waits (at most {@value #SETTLE_MAX_MILLIS} ms) while vectors are still
     * streaming in fast, so one build covers a whole bulk load instead of a prefix of it.
     */
    private int settle(Generation g) {
        long until = System.nanoTime() + SETTLE_MAX_MILLIS * 1_000_000L;
        int n = g.store.size();
        while (System.nanoTime() < until && !index.isClosed()) {
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int now = g.store.size();
            if (now - n <= Math.max(16, now / 200)) {
                return now;
            }
            n = now;
        }
        return g.store.size();
    }

    /** Extends the graph to {@code [0, n)} with parallel workers, aside, then swaps it in. */
    private void bulkBuild(Generation g, int n) throws IOException {
        HnswGraph cur = g.graph; // only this thread writes it
        int b = g.bound;
        GraphBuilds.Built built = GraphBuilds.extend(new StoreScorerSupplier(g.store, index.spec().metric()), options,
                cur, cur == null ? 0 : b, n, abortCheck);
        code(g, g.quantizer, b, n); // before the new bound is published
        long stamp = g.graphLock.writeLock();
        try {
            g.setGraph(built.graph(), built.builder(), n);
        } finally {
            g.graphLock.unlockWrite(stamp);
        }
        index.bulkBuilds.incrementAndGet();
    }

    /** Replaces a fixed-size or loaded graph by an equal growable one (built aside, then swapped). */
    private void makeGrowable(Generation g) throws IOException {
        HnswGraph cur = g.graph; // only this thread writes it
        int b = g.bound;
        PackedHnswGraph packed;
        if (cur == null) {
            packed = new PackedHnswGraph(0, options.m(), -1, new int[0][], new int[0][], new int[0][]);
        } else if (cur instanceof PackedHnswGraph p) {
            packed = p;
        } else {
            packed = PackedHnswGraph.of((OnHeapHnswGraph) cur, b);
        }
        IncrementalGraphBuilder builder = packed.toGrowableBuilder(
                new StoreScorerSupplier(g.store, index.spec().metric()), options.beamWidth(), options.seed());
        long stamp = g.graphLock.writeLock();
        try {
            g.setGraph(builder.getGraph(), builder, b);
        } finally {
            g.graphLock.unlockWrite(stamp);
        }
    }

    /**
     * Copies live vectors into a new store, builds its graph aside, then (under the writer lock)
     * carries over what changed meanwhile and publishes the new generation.
     */
    private void compact(Generation old) throws IOException {
        int n;
        long[] deadWords;
        index.writeLock().lock();
        try {
            n = old.store.size();
            deadWords = old.dead.copyWords(n);
        } finally {
            index.writeLock().unlock();
        }
        int deadCount = 0;
        for (long w : deadWords) {
            deadCount += Long.bitCount(w);
        }
        OffHeapVectorStore store = new OffHeapVectorStore(old.store.dimension(), n - deadCount);
        int[] oldToNew = new int[n];
        for (int ord = 0; ord < n; ord++) {
            if ((deadWords[ord >>> 6] & (1L << ord)) != 0) {
                oldToNew[ord] = -1;
            } else {
                oldToNew[ord] = store.appendFrom(old.store.segment(ord), old.store.offset(ord), old.store.key(ord));
            }
        }
        int m = store.size();
        GraphBuilds.Built built = m == 0 ? null
                : GraphBuilds.build(new StoreScorerSupplier(store, index.spec().metric()), options, m, abortCheck);
        index.writeLock().lock();
        try {
            Tombstones dead = new Tombstones();
            for (int ord = 0; ord < n; ord++) {
                if (oldToNew[ord] >= 0 && old.dead.get(ord)) {
                    dead.set(oldToNew[ord]);
                }
            }
            int now = old.store.size();
            for (int ord = n; ord < now; ord++) {
                if (!old.dead.get(ord)) {
                    store.appendFrom(old.store.segment(ord), old.store.offset(ord), old.store.key(ord));
                }
            }
            LongIntHashMap keys = new LongIntHashMap(Math.max(16, store.size()));
            for (int ord = 0; ord < store.size(); ord++) {
                if (!dead.get(ord)) {
                    keys.put(store.key(ord), ord);
                }
            }
            Generation next = new Generation(store, dead, keys, options.quantized());
            if (built != null) {
                code(next, old.quantizer, 0, m);
                long stamp = next.graphLock.writeLock();
                try {
                    next.setGraph(built.graph(), built.builder(), m);
                    next.quantizer = old.quantizer;
                } finally {
                    next.graphLock.unlockWrite(stamp);
                }
            }
            index.publish(next);
        } finally {
            index.writeLock().unlock();
        }
        index.compactions.incrementAndGet();
    }

}
