package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Ordinal-against-ordinal scorers over an {@link OffHeapVectorStore}, for graph construction. Each
 * scorer copies its scoring ordinal once and scores the others in place.
 */
final class StoreScorerSupplier implements RandomVectorScorerSupplier {
    private final OffHeapVectorStore store;
    private final VectorMetric metric;

    StoreScorerSupplier(OffHeapVectorStore store, VectorMetric metric) {
        this.store = store;
        this.metric = metric;
    }

    @Override
    public UpdateableRandomVectorScorer scorer() {
        return new OrdinalScorer();
    }

    @Override
    public RandomVectorScorerSupplier copy() {
        return new StoreScorerSupplier(store, metric);
    }

    private final class OrdinalScorer implements UpdateableRandomVectorScorer {
        private final float[] current = new float[store.dimension()];

        @Override
        public void setScoringOrdinal(int ord) {
            store.copy(ord, current);
        }

        @Override
        public float score(int ord) {
            return VectorMath.score(metric, VectorMath.raw(metric, current, store.segment(ord), store.offset(ord), current.length));
        }

        @Override
        public float bulkScore(int[] nodes, float[] scores, int numNodes) {
            return QueryScorer.bulkScore(store, metric, current, nodes, scores, numNodes);
        }

        @Override
        public int maxOrd() {
            return store.size();
        }
    }
}
