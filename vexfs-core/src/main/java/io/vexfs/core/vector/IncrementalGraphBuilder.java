package io.vexfs.core.vector;

import java.io.IOException;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW builder over a growable on-heap graph, used one node at a time through
 * {@link #addGraphNode(int)} (never {@code build}, which would freeze it).
 */
final class IncrementalGraphBuilder extends HnswGraphBuilder {
    IncrementalGraphBuilder(RandomVectorScorerSupplier supplier, int m, int beamWidth, long seed) throws IOException {
        super(supplier, m, beamWidth, seed, -1);
    }
}
