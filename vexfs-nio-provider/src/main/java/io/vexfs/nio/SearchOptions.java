package io.vexfs.nio;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * How {@link VexfsFiles#search(Path, String, float[], int, SearchOptions)} runs.
 *
 * @param exact  true: exact brute-force k-NN; false: approximate (HNSW), which falls back to an exact
 *               scan by itself when the scope or filter is selective
 * @param ef     beam width of the approximate search (0 = the index default; raised to k when smaller)
 * @param filter only files whose path passes are answered (null = all)
 */
public record SearchOptions(boolean exact, int ef, Predicate<Path> filter) {
    public SearchOptions {
        if (ef < 0) {
            throw new IllegalArgumentException("ef must not be negative: " + ef);
        }
    }

    /** Approximate search with the default beam. */
    public static SearchOptions defaults() {
        return new SearchOptions(false, 0, null);
    }

    /** Exact brute-force search. */
    public static SearchOptions exactSearch() {
        return new SearchOptions(true, 0, null);
    }

    /** Approximate search with beam width {@code ef}. */
    public static SearchOptions approximate(int ef) {
        return new SearchOptions(false, ef, null);
    }

    /** The same options with a path filter. */
    public SearchOptions withFilter(Predicate<Path> pathFilter) {
        return new SearchOptions(exact, ef, pathFilter);
    }
}
