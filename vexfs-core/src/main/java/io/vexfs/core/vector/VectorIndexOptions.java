package io.vexfs.core.vector;

/**
 * Tuning of a {@link VectorSpaceIndex}.
 *
 * @param m                     HNSW maximum connections per node on upper levels (level 0 keeps 2m)
 * @param beamWidth             HNSW construction beam width
 * @param defaultEf             candidate list size of approximate searches when the query gives none
 * @param buildThreads          workers for bulk (re)builds with Lucene's concurrent builder
 * @param bulkBuildThreshold    a backlog of at least this many unindexed vectors is added by
 *                              parallel workers to a copy of the graph (swapped in when done)
 *                              instead of one-by-one insertion
 * @param compactionRatio       dead (replaced or removed) ordinals above this fraction of all
 *                              ordinals trigger a background compaction and graph rebuild
 * @param compactionMinDead     ...provided at least this many ordinals are dead
 * @param exactFilterFraction   filters whose estimated pass fraction is below this are answered by
 *                              an exact scan of the passing vectors
 * @param exactFilterCount      ...as are filters estimated to pass fewer vectors than this
 * @param exactBelowSize        automatic searches over at most this many vectors are exact
 * @param quantized             traverse the graph with int8 scalar-quantized vectors and re-rank
 *                              the candidates with float32 (saves scoring bandwidth)
 * @param seed                  seed of the graph's level assignment
 */
public record VectorIndexOptions(int m, int beamWidth, int defaultEf, int buildThreads, int bulkBuildThreshold,
                                 double compactionRatio, int compactionMinDead, double exactFilterFraction,
                                 int exactFilterCount, int exactBelowSize, boolean quantized, long seed) {
    public VectorIndexOptions {
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("m must be 2..512: " + m);
        }
        if (beamWidth < 1 || beamWidth > 4096) {
            throw new IllegalArgumentException("beamWidth must be 1..4096: " + beamWidth);
        }
        if (defaultEf < 1) {
            throw new IllegalArgumentException("defaultEf must be positive: " + defaultEf);
        }
        if (buildThreads < 1) {
            throw new IllegalArgumentException("buildThreads must be positive: " + buildThreads);
        }
        if (bulkBuildThreshold < 1) {
            throw new IllegalArgumentException("bulkBuildThreshold must be positive: " + bulkBuildThreshold);
        }
        if (!(compactionRatio > 0 && compactionRatio <= 1)) {
            throw new IllegalArgumentException("compactionRatio must be in (0, 1]: " + compactionRatio);
        }
        if (compactionMinDead < 1) {
            throw new IllegalArgumentException("compactionMinDead must be positive: " + compactionMinDead);
        }
        if (!(exactFilterFraction >= 0 && exactFilterFraction <= 1)) {
            throw new IllegalArgumentException("exactFilterFraction must be in [0, 1]: " + exactFilterFraction);
        }
        if (exactFilterCount < 0 || exactBelowSize < 0) {
            throw new IllegalArgumentException("exactFilterCount and exactBelowSize must not be negative");
        }
    }

    /** M=16, beam 100, ef 64, all processors, bulk from 1024, compaction at 20% dead (min 64),
     * exact for filters passing under 2% or under 1000 vectors and for spaces up to 256 vectors. */
    public static VectorIndexOptions defaults() {
        return new VectorIndexOptions(16, 100, 64, Runtime.getRuntime().availableProcessors(), 1024,
                0.2, 64, 0.02, 1000, 256, false, 42L);
    }

    public VectorIndexOptions withM(int m) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withBeamWidth(int beamWidth) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withDefaultEf(int defaultEf) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withBuildThreads(int buildThreads) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withBulkBuildThreshold(int bulkBuildThreshold) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withCompaction(double compactionRatio, int compactionMinDead) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withExactThresholds(double exactFilterFraction, int exactFilterCount, int exactBelowSize) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }

    public VectorIndexOptions withQuantized(boolean quantized) {
        return new VectorIndexOptions(m, beamWidth, defaultEf, buildThreads, bulkBuildThreshold, compactionRatio,
                compactionMinDead, exactFilterFraction, exactFilterCount, exactBelowSize, quantized, seed);
    }
}
