package io.vexfs.kmod;

import io.vexfs.core.VectorHit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares k-NN output of the C tools ("rank inode score [path]" lines) with the engine's exact answer. */
final class KnnCheck {
    /** Relative tolerance on scores: the kernel sums in double, the engine in float with SIMD lanes. */
    static final double TOLERANCE = 1e-5;

    private KnnCheck() {
    }

    /**
     * @param withPaths the lines carry a fourth column (the path vexfs-knn resolved) that must equal the
     *                  engine's path; otherwise the inode number must equal the engine's
     */
    static void check(String what, Images.Knn q, String output, boolean withPaths) {
        List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("vexfs"))
                .toList();
        assertThat(lines).as("%s: hits of %s k=%d\n%s", what, q.space(), q.k(), output).hasSize(q.hits().size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            VectorHit h = q.hits().get(i);
            assertThat(f.length).as("%s line %d: %s", what, i, lines.get(i)).isEqualTo(withPaths ? 4 : f.length).isBetween(3, 4);
            assertThat(Integer.parseInt(f[0])).isEqualTo(i + 1);
            if (withPaths) {
                assertThat(f[3]).as("%s rank %d path", what, i + 1).isEqualTo(h.path());
            } else {
                assertThat(Long.parseLong(f[1])).as("%s rank %d inode (engine: %s)", what, i + 1, h).isEqualTo(h.inode());
            }
            double s = Double.parseDouble(f[2]);
            assertThat(Math.abs(s - h.score())).as("%s rank %d score %s vs engine %s", what, i + 1, s, h.score())
                    .isLessThanOrEqualTo(TOLERANCE * Math.abs(h.score()));
        }
    }
}
