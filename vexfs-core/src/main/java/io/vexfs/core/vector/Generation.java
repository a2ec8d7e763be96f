package io.vexfs.core.vector;

import java.util.concurrent.locks.StampedLock;
import org.apache.lucene.internal.hppc.LongIntHashMap;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * One numbering of a vector space: the stored vectors, their dead ordinals, the key map and the
 * graph over the first {@link #bound} ordinals. Compaction replaces the whole generation; searches
 * that picked up the previous one finish on it.
 *
 * <p>Locking: {@link #keyToOrd}, appends and tombstones are guarded by the index's writer lock.
 * {@link #graph}, {@link #builder} and {@link #bound} change only on the indexer thread, under the
 * write side of {@link #graphLock}; searches read them under its read side.
 */
final class Generation {
    final OffHeapVectorStore store;
    final Tombstones dead;
    final LongIntHashMap keyToOrd;
    final StampedLock graphLock = new StampedLock();

    /** Null, a growable or fixed-size {@link OnHeapHnswGraph}, or a loaded {@link PackedHnswGraph}. */
    HnswGraph graph;
    /** Inserts into {@link #graph} when it is growable; null otherwise. */
    IncrementalGraphBuilder builder;
    /** Ordinals {@code [0, bound)} are in the graph. */
    int bound;
    /** Copy of {@link #bound} readable without the lock. */
    volatile int indexedBound;
    /** int8 codes for quantized traversal, or null when the index does not quantize. */
    final QuantizedCodes codes;
    /** Set (under the graph write lock) once trained; from then on codes cover {@code [0, bound)}. */
    volatile Int8Quantizer quantizer;

    Generation(OffHeapVectorStore store, Tombstones dead, LongIntHashMap keyToOrd, boolean quantized) {
        this.store = store;
        this.dead = dead;
        this.keyToOrd = keyToOrd;
        this.codes = quantized ? new QuantizedCodes(store.dimension()) : null;
    }

    /** Publishes a new graph state; the caller holds the write side of {@link #graphLock}. */
    void setGraph(HnswGraph graph, IncrementalGraphBuilder builder, int bound) {
        this.graph = graph;
        this.builder = builder;
        this.bound = bound;
        this.indexedBound = bound;
    }

    int live() {
        return store.size() - dead.count();
    }
}
