package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random vectors and recall arithmetic for the vector tests. */
final class VectorTestSupport {
    private VectorTestSupport() {
    }

    /** The seed for a test: {@code -Dvexfs.test.seed=N} or a fresh one (always printed by callers on failure). */
    static long seed() {
        String s = System.getProperty("vexfs.test.seed");
        return s != null ? Long.parseLong(s) : new Random().nextLong();
    }

    static float[] randomVector(Random r, int dim, VectorMetric metric) {
        float[] v = new float[dim];
        double n2 = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            n2 += v[i] * v[i];
        }
        if (metric == VectorMetric.DOT_PRODUCT) {
            float inv = (float) (1 / Math.sqrt(n2));
            for (int i = 0; i < dim; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    static double recall(List<KeyHit> truth, List<KeyHit> got) {
        Set<Long> t = new HashSet<>();
        for (KeyHit h : truth) {
            t.add(h.key());
        }
        int c = 0;
        for (KeyHit h : got) {
            if (t.contains(h.key())) {
                c++;
            }
        }
        return truth.isEmpty() ? 1 : (double) c / truth.size();
    }

    /**
     * Same keys in the same order, scores equal up to float rounding: the SIMD kernels' lane
     * reduction order may differ between interpreted and compiled code in one JVM.
     */
    static void assertSameHits(List<KeyHit> actual, List<KeyHit> expected, String context) {
        org.assertj.core.api.Assertions.assertThat(actual).as(context).extracting(KeyHit::key).containsExactlyElementsOf(
                expected.stream().map(KeyHit::key).toList());
        for (int i = 0; i < actual.size(); i++) {
            org.assertj.core.api.Assertions.assertThat(actual.get(i).score()).as(context).isCloseTo(expected.get(i).score(),
                    org.assertj.core.data.Offset.offset(1e-6f * Math.max(1f, Math.abs(expected.get(i).score()))));
        }
    }
}
