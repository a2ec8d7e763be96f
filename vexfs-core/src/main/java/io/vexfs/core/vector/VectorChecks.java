package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import java.util.Objects;

/** Argument validation and normalization of vectors entering an index or a query. */
final class VectorChecks {
    /** Tolerance on the squared norm of vectors stored in a DOT_PRODUCT space. */
    static final double UNIT_TOLERANCE = 1e-3;

    private VectorChecks() {
    }

    /**
     * Validates a vector to be stored and returns the copy the index keeps: COSINE vectors are
     * normalized to unit length, others are copied as given.
     */
    static float[] forStorage(VectorSpec spec, float[] v) {
        float[] c = checked(spec, v, "vector");
        double n2 = norm2(c);
        switch (spec.metric()) {
            case COSINE -> {
                if (n2 == 0) {
                    throw new IllegalArgumentException("COSINE space '" + spec.name() + "' rejects the zero vector");
                }
                scale(c, n2);
            }
            case DOT_PRODUCT -> {
                if (Math.abs(n2 - 1.0) > UNIT_TOLERANCE) {
                    throw new IllegalArgumentException("DOT_PRODUCT space '" + spec.name()
                            + "' requires unit-length vectors (normalize first); squared norm is " + n2);
                }
            }
            case L2 -> {
            }
        }
        return c;
    }

    /** Validates a query vector and returns the copy used for scoring (unit length for COSINE). */
    static float[] forQuery(VectorSpec spec, float[] q) {
        float[] c = checked(spec, q, "query vector");
        if (spec.metric() == VectorMetric.COSINE) {
            double n2 = norm2(c);
            if (n2 == 0) {
                throw new IllegalArgumentException("COSINE query vector must not be the zero vector");
            }
            scale(c, n2);
        }
        return c;
    }

    static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
    }

    private static float[] checked(VectorSpec spec, float[] v, String what) {
        Objects.requireNonNull(v, what);
        if (v.length != spec.dimension()) {
            throw new IllegalArgumentException(what + " has dimension " + v.length + " but space '" + spec.name()
                    + "' has dimension " + spec.dimension());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " component " + i + " is not finite: " + v[i]);
            }
        }
        return v.clone();
    }

    private static double norm2(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }

    private static void scale(float[] v, double n2) {
        double inv = 1.0 / Math.sqrt(n2);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }
}
