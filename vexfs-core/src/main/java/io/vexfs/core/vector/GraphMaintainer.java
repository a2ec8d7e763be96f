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
                int n = g.store.size();
                int b = g.indexedBound;
                if (b >= n) {
                    break;
                }
                int backlog = n - b;
                if (backlog >= options.bulkBuildThreshold() && backlog >= b) {
                    bulkBuild(g, n);
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

    private void bulkBuild(Generation g, int n) throws IOException {
        GraphBuilds.Built built = GraphBuilds.build(new StoreScorerSupplier(g.store, index.spec().metric()), options, n,
                abortCheck);
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
        OffHeapVectorStore store = new OffHeapVectorStore(old.store.dimension());
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
            Generation next = new Generation(store, dead, keys);
            if (built != null) {
                long stamp = next.graphLock.writeLock();
                try {
                    next.setGraph(built.graph(), built.builder(), m);
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
