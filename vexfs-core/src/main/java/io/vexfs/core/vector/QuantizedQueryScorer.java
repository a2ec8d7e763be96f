package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/** Scores a quantized query against quantized graph ordinals (traversal only; results are re-ranked in float). */
final class QuantizedQueryScorer implements RandomVectorScorer {
    private final Int8Quantizer quantizer;
    private final QuantizedCodes codes;
    private final VectorMetric metric;
    private final byte[] query;
    private final int querySum;
    private final byte[] scratch;
    private final int maxOrd;

    QuantizedQueryScorer(Int8Quantizer quantizer, QuantizedCodes codes, VectorMetric metric, float[] query, int maxOrd) {
        this.quantizer = quantizer;
        this.codes = codes;
        this.metric = metric;
        this.query = new byte[query.length];
        this.querySum = quantizer.quantize(query, this.query);
        this.scratch = new byte[query.length];
        this.maxOrd = maxOrd;
    }

    @Override
    public float score(int ord) {
        int sum = codes.get(ord, scratch);
        return quantizer.score(metric, query, querySum, scratch, sum);
    }

    @Override
    public int maxOrd() {
        return maxOrd;
    }
}
