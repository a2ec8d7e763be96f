package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/** Scores one query against stored ordinals directly in off-heap memory (no copies). */
final class QueryScorer implements RandomVectorScorer {
    private final OffHeapVectorStore store;
    private final float[] query;
    private final VectorMetric metric;
    private final int dim;
    private final int maxOrd;

    QueryScorer(OffHeapVectorStore store, VectorMetric metric, float[] query, int maxOrd) {
        this.store = store;
        this.query = query;
        this.metric = metric;
        this.dim = store.dimension();
        this.maxOrd = maxOrd;
    }

    @Override
    public float score(int ord) {
        return VectorMath.score(metric, VectorMath.raw(metric, query, store.segment(ord), store.offset(ord), dim));
    }

    @Override
    public int maxOrd() {
        return maxOrd;
    }
}
