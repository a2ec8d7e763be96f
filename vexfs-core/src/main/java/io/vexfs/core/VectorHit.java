package io.vexfs.core;

/**
 * One search answer of {@link Volume#search}.
 *
 * @param path  the file's current path (the first in name order if it has several links)
 * @param inode the file's inode
 * @param score similarity, higher is closer (Lucene's convention for the space's metric)
 */
public record VectorHit(String path, long inode, float score) {
}
