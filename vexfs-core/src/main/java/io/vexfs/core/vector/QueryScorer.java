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
    public float bulkScore(int[] nodes, float[] scores, int numNodes) {
        return bulkScore(store, metric, query, nodes, scores, numNodes);
    }

    /** Scores {@code numNodes} ordinals four at a time; returns the best score. */
    static float bulkScore(OffHeapVectorStore store, VectorMetric metric, float[] query, int[] nodes, float[] scores,
                           int numNodes) {
        int dim = query.length;
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        for (; i + 4 <= numNodes; i += 4) {
            int n0 = nodes[i], n1 = nodes[i + 1], n2 = nodes[i + 2], n3 = nodes[i + 3];
            VectorMath.raw4(metric, query, store.segment(n0), store.offset(n0), store.segment(n1), store.offset(n1),
                    store.segment(n2), store.offset(n2), store.segment(n3), store.offset(n3), dim, scores, i);
            for (int j = i; j < i + 4; j++) {
                scores[j] = VectorMath.score(metric, scores[j]);
                max = Math.max(max, scores[j]);
            }
        }
        for (; i < numNodes; i++) {
            int n = nodes[i];
            scores[i] = VectorMath.score(metric, VectorMath.raw(metric, query, store.segment(n), store.offset(n), dim));
            max = Math.max(max, scores[i]);
        }
        return max;
    }

    @Override
    public int maxOrd() {
        return maxOrd;
    }
}
