package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD similarity kernels between an on-heap query and a little-endian float32 vector stored in a
 * {@link MemorySegment}, and the conversion of raw values to Lucene-convention scores.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorMath() {
    }

    /** Squared Euclidean distance between {@code q} and the vector at {@code off} in {@code seg}. */
    static float squareDistance(float[] q, MemorySegment seg, long off, int dim) {
        int len = S.length();
        int i = 0;
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int upper4 = dim - dim % (4 * len);
        for (; i < upper4; i += 4 * len) {
            FloatVector d0 = FloatVector.fromArray(S, q, i).sub(FloatVector.fromMemorySegment(S, seg, off + 4L * i, LE));
            FloatVector d1 = FloatVector.fromArray(S, q, i + len).sub(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + len), LE));
            FloatVector d2 = FloatVector.fromArray(S, q, i + 2 * len).sub(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + 2 * len), LE));
            FloatVector d3 = FloatVector.fromArray(S, q, i + 3 * len).sub(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + 3 * len), LE));
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
            a2 = d2.fma(d2, a2);
            a3 = d3.fma(d3, a3);
        }
        int upper = dim - dim % len;
        for (; i < upper; i += len) {
            FloatVector d = FloatVector.fromArray(S, q, i).sub(FloatVector.fromMemorySegment(S, seg, off + 4L * i, LE));
            a0 = d.fma(d, a0);
        }
        float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            float d = q[i] - seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), off + 4L * i);
            r += d * d;
        }
        return r;
    }

    /** Dot product of {@code q} and the vector at {@code off} in {@code seg}. */
    static float dot(float[] q, MemorySegment seg, long off, int dim) {
        int len = S.length();
        int i = 0;
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int upper4 = dim - dim % (4 * len);
        for (; i < upper4; i += 4 * len) {
            a0 = FloatVector.fromArray(S, q, i).fma(FloatVector.fromMemorySegment(S, seg, off + 4L * i, LE), a0);
            a1 = FloatVector.fromArray(S, q, i + len).fma(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + len), LE), a1);
            a2 = FloatVector.fromArray(S, q, i + 2 * len).fma(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + 2 * len), LE), a2);
            a3 = FloatVector.fromArray(S, q, i + 3 * len).fma(FloatVector.fromMemorySegment(S, seg, off + 4L * (i + 3 * len), LE), a3);
        }
        int upper = dim - dim % len;
        for (; i < upper; i += len) {
            a0 = FloatVector.fromArray(S, q, i).fma(FloatVector.fromMemorySegment(S, seg, off + 4L * i, LE), a0);
        }
        float r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            r += q[i] * seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), off + 4L * i);
        }
        return r;
    }

    /** Raw kernel value for the metric: squared distance for L2, dot product otherwise (vectors pre-normalized for COSINE). */
    static float raw(VectorMetric metric, float[] q, MemorySegment seg, long off, int dim) {
        return metric == VectorMetric.L2 ? squareDistance(q, seg, off, dim) : dot(q, seg, off, dim);
    }

    /** Lucene-convention score (higher is closer) from a raw kernel value. */
    static float score(VectorMetric metric, float raw) {
        if (metric == VectorMetric.L2) {
            return 1f / (1f + raw);
        }
        return Math.max((1f + raw) / 2f, 0f);
    }

    /** Scalar reference score on plain arrays, used by checks and tests. */
    static float scoreArrays(VectorMetric metric, float[] a, float[] b) {
        double acc = 0;
        if (metric == VectorMetric.L2) {
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                acc += d * d;
            }
        } else {
            for (int i = 0; i < a.length; i++) {
                acc += (double) a[i] * b[i];
            }
        }
        return score(metric, (float) acc);
    }
}
