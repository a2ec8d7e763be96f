package io.vexfs.core;

import java.util.function.Predicate;

/**
 * Options of a vector search.
 *
 * @param exact      true: exact brute-force k-NN; false: approximate (HNSW) with exact fallback for selective filters
 * @param ef         beam width of the approximate search (>= k; 0 = default)
 * @param pathFilter extra filter on candidate paths (null = all)
 */
public record VectorQuery(boolean exact, int ef, Predicate<String> pathFilter) {
    public static VectorQuery defaults() {
        return new VectorQuery(false, 0, null);
    }

    public static VectorQuery exactSearch() {
        return new VectorQuery(true, 0, null);
    }
}
