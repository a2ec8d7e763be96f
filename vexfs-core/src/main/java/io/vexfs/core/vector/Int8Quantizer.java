package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import java.util.Arrays;
import org.apache.lucene.util.VectorUtil;

/**
 * Global scalar quantization of float32 components to signed int8 codes, for graph traversal.
 * A component {@code x} maps to {@code c = round((x - mid) / step)} clamped to [-127, 127], so
 * {@code x ~ mid + c * step}. Distances between a quantized query and quantized vectors use
 * Lucene's SIMD byte kernels plus per-vector code sums as correction terms:
 * <ul>
 *   <li>L2: {@code |a - b|^2 ~ step^2 * sum (ca - cb)^2}</li>
 *   <li>dot: {@code a . b ~ dim * mid^2 + mid * step * (Sa + Sb) + step^2 * sum ca * cb}</li>
 * </ul>
 * The bounds are the 0.1% and 99.9% quantiles of a sample of components; outliers clamp.
 */
final class Int8Quantizer {
    private final float mid;
    private final float step;
    private final int dim;

    private Int8Quantizer(float mid, float step, int dim) {
        this.mid = mid;
        this.step = step;
        this.dim = dim;
    }

    /** Trains on up to 20 000 evenly spaced ordinals of {@code [0, n)}. */
    static Int8Quantizer train(OffHeapVectorStore store, int n) {
        int dim = store.dimension();
        int vectors = Math.min(n, Math.max(1, 20_000_000 / Math.max(dim, 1) / 4));
        vectors = Math.min(vectors, 20_000);
        float[] sample = new float[vectors * dim];
        float[] buf = new float[dim];
        double stride = (double) n / vectors;
        for (int i = 0; i < vectors; i++) {
            store.copy((int) (i * stride), buf);
            System.arraycopy(buf, 0, sample, i * dim, dim);
        }
        Arrays.sort(sample);
        float lo = sample[(int) ((sample.length - 1) * 0.001)];
        float hi = sample[(int) ((sample.length - 1) * 0.999)];
        if (!(hi > lo)) {
            hi = lo + 1e-6f;
        }
        return new Int8Quantizer((lo + hi) / 2, (hi - lo) / 254f, dim);
    }

    /** Quantizes {@code v} into {@code codes} and returns the code sum. */
    int quantize(float[] v, byte[] codes) {
        int sum = 0;
        for (int i = 0; i < dim; i++) {
            int c = Math.round((v[i] - mid) / step);
            c = Math.max(-127, Math.min(127, c));
            codes[i] = (byte) c;
            sum += c;
        }
        return sum;
    }

    /** Approximate Lucene-convention score of two quantized vectors. */
    float score(VectorMetric metric, byte[] q, int qSum, byte[] d, int dSum) {
        if (metric == VectorMetric.L2) {
            float d2 = step * step * VectorUtil.squareDistance(q, d);
            return 1f / (1f + d2);
        }
        float dot = dim * mid * mid + mid * step * (qSum + dSum) + step * step * VectorUtil.dotProduct(q, d);
        return Math.max((1f + dot) / 2f, 0f);
    }
}
