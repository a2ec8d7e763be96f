package io.vexfs.core.vector;

/**
 * How one search runs.
 *
 * @param mode {@link Mode#AUTO} lets the index choose exact or approximate per query
 * @param ef   candidate list size for the graph search; 0 means the index's default
 */
public record SearchOptions(Mode mode, int ef) {
    /** Exact scan, approximate graph search, or the index's choice. */
    public enum Mode { AUTO, EXACT, APPROXIMATE }

    public SearchOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (ef < 0) {
            throw new IllegalArgumentException("ef must not be negative: " + ef);
        }
    }

    public static SearchOptions auto() {
        return new SearchOptions(Mode.AUTO, 0);
    }

    public static SearchOptions exact() {
        return new SearchOptions(Mode.EXACT, 0);
    }

    public static SearchOptions approximate(int ef) {
        return new SearchOptions(Mode.APPROXIMATE, ef);
    }

    public static SearchOptions auto(int ef) {
        return new SearchOptions(Mode.AUTO, ef);
    }
}
