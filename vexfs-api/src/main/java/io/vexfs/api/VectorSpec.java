package io.vexfs.api;

import java.util.Objects;

/**
 * A vector space declared on a volume.
 *
 * @param name      1..64 bytes of UTF-8, no '/' or NUL
 * @param dimension 1..4096 components
 * @param metric    similarity metric
 */
public record VectorSpec(String name, int dimension, VectorMetric metric) {
    public VectorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("vector space name must be 1..64 UTF-8 bytes without '/' or NUL: " + name);
        }
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException("vector dimension must be 1..4096: " + dimension);
        }
    }
}
