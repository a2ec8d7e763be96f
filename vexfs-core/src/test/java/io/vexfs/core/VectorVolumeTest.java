package io.vexfs.core;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vectors stored on files: lifecycle with the file, search answers with current paths, persistence. */
class VectorVolumeTest {
    @TempDir
    Path tmp;

    private static void expect(VexfsError err, BoundaryTest.Runnable0 r) {
        assertThatThrownBy(r::run).isInstanceOf(VexfsException.class)
                .satisfies(e -> assertThat(((VexfsException) e).error()).isEqualTo(err));
    }

    @Test
    void vectorsFollowFilesAndSearchAnswersWithPaths() throws Exception {
        Path img = tmp.resolve("v.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(64L << 20));
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.createVectorSpace(new VectorSpec("emb", 3, VectorMetric.L2));
            expect(VexfsError.EEXIST, () -> v.createVectorSpace(new VectorSpec("emb", 3, VectorMetric.L2)));
            v.mkdir("/a", 0755);
            v.mkdir("/b", 0755);
            v.open("/a/x", OpenMode.createTruncate()).close();
            v.open("/a/y", OpenMode.createTruncate()).close();
            v.open("/b/z", OpenMode.createTruncate()).close();
            v.setVector("/a/x", "emb", new float[] {0, 0, 0});
            v.setVector("/a/y", "emb", new float[] {1, 0, 0});
            v.setVector("/b/z", "emb", new float[] {5, 5, 5});
            List<VectorHit> hits = v.search("/", "emb", new float[] {0.9f, 0, 0}, 2, VectorQuery.defaults());
            assertThat(hits).extracting(VectorHit::path).containsExactly("/a/y", "/a/x");
            // read-your-writes
            v.open("/b/new", OpenMode.createTruncate()).close();
            v.setVector("/b/new", "emb", new float[] {0.9f, 0, 0});
            assertThat(v.search("/", "emb", new float[] {0.9f, 0, 0}, 1, VectorQuery.defaults()).getFirst().path())
                    .isEqualTo("/b/new");
            // scope
            assertThat(v.search("/b", "emb", new float[] {0, 0, 0}, 5, VectorQuery.defaults()))
                    .extracting(VectorHit::path).containsExactlyInAnyOrder("/b/new", "/b/z");
            // rename follows, unlink deletes
            v.rename("/a", "/c", false);
            v.unlink("/b/new");
            assertThat(v.search("/", "emb", new float[] {0.9f, 0, 0}, 1, VectorQuery.defaults()).getFirst().path())
                    .isEqualTo("/c/y");
            v.link("/c/y", "/b/y-link");
            assertThat(v.getVector("/b/y-link", "emb")).hasValueSatisfying(f -> assertThat(f).containsExactly(1, 0, 0));
            // validation
            expect(VexfsError.EINVAL, () -> v.setVector("/c/x", "emb", new float[] {1, 2}));
            expect(VexfsError.EINVAL, () -> v.setVector("/c/x", "emb", new float[] {1, Float.NaN, 2}));
            expect(VexfsError.EINVAL, () -> v.setVector("/c/x", "nope", new float[] {1, 2, 3}));
            expect(VexfsError.EISDIR, () -> v.setVector("/c", "emb", new float[] {1, 2, 3}));
            expect(VexfsError.EINVAL, () -> v.search("/", "emb", new float[] {1, 2, 3}, 0, VectorQuery.defaults()));
            expect(VexfsError.EPERM, () -> v.setXattr("/c/x", false, "vexfs.vector.emb", new byte[12]));
            assertThat(v.listXattrs("/c/x", false)).isEmpty();
            assertThat(v.statfs().vectorCounts()).containsEntry("emb", 3L);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.vectorSpaces()).containsExactly(new VectorSpec("emb", 3, VectorMetric.L2));
            assertThat(v.search("/", "emb", new float[] {4, 4, 4}, 1, VectorQuery.defaults()).getFirst().path())
                    .isEqualTo("/b/z");
            assertThat(v.removeVector("/b/z", "emb")).isTrue();
            assertThat(v.removeVector("/b/z", "emb")).isFalse();
            v.dropVectorSpace("emb");
            assertThat(v.vectorSpaces()).isEmpty();
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
    }

    @Test
    void exactSearchMatchesBruteForce() throws Exception {
        Path img = tmp.resolve("bf.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(128L << 20));
        Random rnd = new Random(7);
        int n = 500;
        float[][] data = new float[n][16];
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.createVectorSpace(new VectorSpec("c", 16, VectorMetric.COSINE));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 16; j++) {
                    data[i][j] = (float) rnd.nextGaussian();
                }
                v.open("/f" + i, OpenMode.createTruncate()).close();
                v.setVector("/f" + i, "c", data[i]);
            }
            float[] q = data[123].clone();
            List<VectorHit> hits = v.search("/", "c", q, 10, VectorQuery.exactSearch());
            assertThat(hits.getFirst().path()).isEqualTo("/f123");
            assertThat(hits).hasSize(10);
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
        }
    }

    @Test
    void approximateSearchAgreesWithExactAndSurvivesReopen() throws Exception {
        Path img = tmp.resolve("ann.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(256L << 20));
        Random rnd = new Random(11);
        int n = 3000;
        int dim = 24;
        float[][] data = new float[n][dim];
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.createVectorSpace(new VectorSpec("e", dim, VectorMetric.L2));
            v.mkdir("/d", 0755);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    data[i][j] = rnd.nextFloat();
                }
                v.open("/d/" + i, OpenMode.createTruncate()).close();
                v.setVector("/d/" + i, "e", data[i]);
            }
            assertThat(recall(v, rnd, dim)).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.statfs().vectorCounts()).containsEntry("e", (long) n);
            assertThat(((io.vexfs.core.engine.VolumeEngine) v).vectorIndexesReloaded()).isTrue();
            assertThat(v.search("/", "e", data[77], 1, VectorQuery.defaults()).getFirst().path()).isEqualTo("/d/77");
            assertThat(((io.vexfs.core.engine.VolumeEngine) v).vectorGraphsOpenedInPlace())
                    .as("graph opened over the volume's mapping").isEqualTo(1);
            assertThat(recall(v, rnd, dim)).isGreaterThanOrEqualTo(0.9);
            // the index over the mapping keeps working: new vectors, replaced vectors, deletions
            float[] fresh = new float[dim];
            java.util.Arrays.fill(fresh, 0.5f);
            v.open("/d/new", OpenMode.createTruncate()).close();
            v.setVector("/d/new", "e", fresh);
            v.setVector("/d/5", "e", data[6]);
            v.unlink("/d/77");
            assertThat(v.search("/", "e", fresh, 1, VectorQuery.defaults()).getFirst().path()).isEqualTo("/d/new");
            assertThat(v.search("/", "e", data[77], 3, VectorQuery.defaults())).extracting(VectorHit::path)
                    .doesNotContain("/d/77");
            assertThat(v.search("/", "e", data[6], 2, VectorQuery.exactSearch())).extracting(VectorHit::path)
                    .containsExactlyInAnyOrder("/d/5", "/d/6");
            assertThat(recall(v, rnd, dim)).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(Fsck.check(img, false).problems()).isEmpty();
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.search("/", "e", data[77], 1, VectorQuery.defaults()).getFirst().path())
                    .isNotEqualTo("/d/77");
            assertThat(((io.vexfs.core.engine.VolumeEngine) v).vectorIndexesReloaded()).isTrue();
            assertThat(v.search("/", "e", data[6], 2, VectorQuery.exactSearch())).extracting(VectorHit::path)
                    .containsExactlyInAnyOrder("/d/5", "/d/6");
            float[] fresh = new float[dim];
            java.util.Arrays.fill(fresh, 0.5f);
            assertThat(v.search("/", "e", fresh, 1, VectorQuery.defaults()).getFirst().path()).isEqualTo("/d/new");
            assertThat(recall(v, rnd, dim)).isGreaterThanOrEqualTo(0.9);
        }
    }

    private static double recall(Volume v, Random rnd, int dim) throws Exception {
        int found = 0;
        int total = 0;
        for (int q = 0; q < 30; q++) {
            float[] query = new float[dim];
            for (int j = 0; j < dim; j++) {
                query[j] = rnd.nextFloat();
            }
            List<VectorHit> exact = v.search("/", "e", query, 10, VectorQuery.exactSearch());
            List<VectorHit> approx = v.search("/", "e", query, 10, new VectorQuery(false, 64, null));
            java.util.Set<String> truth = new java.util.HashSet<>();
            exact.forEach(h -> truth.add(h.path()));
            for (VectorHit h : approx) {
                if (truth.contains(h.path())) {
                    found++;
                }
            }
            total += exact.size();
        }
        return (double) found / total;
    }
}
