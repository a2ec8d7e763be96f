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

    /**
     * Four kernel values at once (squared distance for L2, dot product otherwise): the query is
     * loaded once per lane block and the four independent accumulations overlap their memory loads.
     */
    static void raw4(VectorMetric metric, float[] q, MemorySegment s0, long o0, MemorySegment s1, long o1,
                     MemorySegment s2, long o2, MemorySegment s3, long o3, int dim, float[] out, int at) {
        int len = S.length();
        int i = 0;
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int upper = dim - dim % len;
        if (metric == VectorMetric.L2) {
            for (; i < upper; i += len) {
                FloatVector qv = FloatVector.fromArray(S, q, i);
                long b = 4L * i;
                FloatVector d0 = qv.sub(FloatVector.fromMemorySegment(S, s0, o0 + b, LE));
                FloatVector d1 = qv.sub(FloatVector.fromMemorySegment(S, s1, o1 + b, LE));
                FloatVector d2 = qv.sub(FloatVector.fromMemorySegment(S, s2, o2 + b, LE));
                FloatVector d3 = qv.sub(FloatVector.fromMemorySegment(S, s3, o3 + b, LE));
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
                a2 = d2.fma(d2, a2);
                a3 = d3.fma(d3, a3);
            }
        } else {
            for (; i < upper; i += len) {
                FloatVector qv = FloatVector.fromArray(S, q, i);
                long b = 4L * i;
                a0 = qv.fma(FloatVector.fromMemorySegment(S, s0, o0 + b, LE), a0);
                a1 = qv.fma(FloatVector.fromMemorySegment(S, s1, o1 + b, LE), a1);
                a2 = qv.fma(FloatVector.fromMemorySegment(S, s2, o2 + b, LE), a2);
                a3 = qv.fma(FloatVector.fromMemorySegment(S, s3, o3 + b, LE), a3);
            }
        }
        float r0 = a0.reduceLanes(VectorOperators.ADD);
        float r1 = a1.reduceLanes(VectorOperators.ADD);
        float r2 = a2.reduceLanes(VectorOperators.ADD);
        float r3 = a3.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            long b = 4L * i;
            float x0 = s0.get(OffHeapVectorStore.FLOAT_LE, o0 + b);
            float x1 = s1.get(OffHeapVectorStore.FLOAT_LE, o1 + b);
            float x2 = s2.get(OffHeapVectorStore.FLOAT_LE, o2 + b);
            float x3 = s3.get(OffHeapVectorStore.FLOAT_LE, o3 + b);
            if (metric == VectorMetric.L2) {
                r0 += (q[i] - x0) * (q[i] - x0);
                r1 += (q[i] - x1) * (q[i] - x1);
                r2 += (q[i] - x2) * (q[i] - x2);
                r3 += (q[i] - x3) * (q[i] - x3);
            } else {
                r0 += q[i] * x0;
                r1 += q[i] * x1;
                r2 += q[i] * x2;
                r3 += q[i] * x3;
            }
        }
        out[at] = r0;
        out[at + 1] = r1;
        out[at + 2] = r2;
        out[at + 3] = r3;
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
