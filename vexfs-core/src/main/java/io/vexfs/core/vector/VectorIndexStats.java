package io.vexfs.core.vector;

/**
 * A point-in-time description of a {@link VectorSpaceIndex}.
 *
 * @param live          keys with a vector
 * @param ordinals      stored vectors, dead ones included
 * @param dead          replaced or removed ordinals awaiting compaction
 * @param indexed       ordinals covered by the graph; the rest are answered by exact scan
 * @param compactions   completed compactions
 * @param bulkBuilds    completed parallel bulk builds
 * @param vectorBytes   off-heap bytes allocated for vectors
 * @param lastIndexerError the indexer's last failure message, or null
 */
public record VectorIndexStats(int live, int ordinals, int dead, int indexed, long compactions, long bulkBuilds,
                               long vectorBytes, String lastIndexerError) {
}
