package io.vexfs.api;

import java.nio.file.Path;

/**
 * One nearest-neighbour answer.
 *
 * @param path  the file's current path
 * @param score similarity, higher is closer
 */
public record SearchHit(Path path, float score) {
}
