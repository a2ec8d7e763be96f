package io.vexfs.api;

/** Similarity metric of a vector space; scores follow Lucene's convention: higher is closer. */
public enum VectorMetric {
    /** Euclidean distance; score {@code 1 / (1 + d^2)}. */
    L2,
    /** Cosine similarity; score {@code (1 + cos) / 2}. */
    COSINE,
    /** Dot product of unit vectors; score {@code (1 + dot) / 2}. */
    DOT_PRODUCT
}
