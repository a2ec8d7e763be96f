package io.vexfs.core.vector;

/**
 * One search answer: the key (the file's inode number) and its score, higher is closer.
 *
 * @param key   the key the vector was stored under
 * @param score Lucene-convention similarity
 */
public record KeyHit(long key, float score) {
}
