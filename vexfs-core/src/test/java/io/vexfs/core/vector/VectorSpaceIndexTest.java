package io.vexfs.core.vector;

import static io.vexfs.core.vector.VectorTestSupport.randomVector;
import static io.vexfs.core.vector.VectorTestSupport.recall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorSpaceIndexTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private static VectorIndexOptions small() {
        return VectorIndexOptions.defaults().withBuildThreads(2).withExactThresholds(0.02, 100, 0);
    }

    private static VectorSpaceIndex filled(VectorSpec spec, VectorIndexOptions o, Random r, int n) throws InterruptedException {
        VectorSpaceIndex idx = VectorSpaceIndex.create(spec, o);
        for (int i = 0; i < n; i++) {
            idx.put(1000 + i, randomVector(r, spec.dimension(), spec.metric()));
        }
        assertThat(idx.awaitIdle(WAIT)).isTrue();
        return idx;
    }

    @ParameterizedTest
    @EnumSource(VectorMetric.class)
    void approximateAgreesWithExact(VectorMetric metric) throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 32, metric), small(), r, 2000)) {
            assertThat(idx.stats().indexed()).isEqualTo(2000);
            double sum = 0;
            int queries = 200;
            for (int q = 0; q < queries; q++) {
                float[] query = randomVector(r, 32, metric);
                List<KeyHit> exact = idx.search(query, 10, null, SearchOptions.exact());
                List<KeyHit> approx = idx.search(query, 10, null, SearchOptions.approximate(64));
                assertThat(approx).as("seed=%d", seed).hasSize(10);
                assertThat(exact).as("seed=%d", seed).hasSize(10);
                for (int i = 1; i < approx.size(); i++) {
                    assertThat(approx.get(i).score()).isLessThanOrEqualTo(approx.get(i - 1).score());
                }
                sum += recall(exact, approx);
            }
            assertThat(sum / queries).as("recall@10, seed=%d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    @ParameterizedTest
    @EnumSource(VectorMetric.class)
    void quantizedTraversalWithFloatRerankKeepsRecall(VectorMetric metric) throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        try (VectorSpaceIndex idx = filled(new VectorSpec("q", 32, metric), small().withQuantized(true), r, 2000)) {
            double sum = 0;
            int queries = 200;
            for (int q = 0; q < queries; q++) {
                float[] query = randomVector(r, 32, metric);
                List<KeyHit> exact = idx.search(query, 10, null, SearchOptions.exact());
                List<KeyHit> approx = idx.search(query, 10, null, SearchOptions.approximate(64));
                assertThat(approx).hasSize(10);
                for (int i = 0; i < 10; i++) { // re-ranked: float scores, best first
                    if (i > 0) {
                        assertThat(approx.get(i).score()).isLessThanOrEqualTo(approx.get(i - 1).score());
                    }
                }
                sum += recall(exact, approx);
            }
            assertThat(sum / queries).as("quantized recall@10, seed=%d", seed).isGreaterThanOrEqualTo(0.95);
            // the top hit of a stored vector is itself, with its exact float score
            float[] v = idx.get(1500);
            List<KeyHit> self = idx.search(v, 1, null, SearchOptions.approximate(64));
            assertThat(self).extracting(KeyHit::key).containsExactly(1500L);
        }
    }

    @ParameterizedTest
    @EnumSource(VectorMetric.class)
    void scoresMatchLucenesSimilarityFunctions(VectorMetric metric) throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorSimilarityFunction f = switch (metric) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case COSINE -> VectorSimilarityFunction.COSINE;
            case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
        };
        for (int dim : new int[] {1, 3, 17, 64, 100}) {
            try (VectorSpaceIndex idx = VectorSpaceIndex.create(new VectorSpec("s", dim, metric), small())) {
                float[] v = randomVector(r, dim, metric);
                float[] q = randomVector(r, dim, metric);
                idx.put(7, v);
                List<KeyHit> hit = idx.search(q, 1, null, SearchOptions.exact());
                assertThat(hit).hasSize(1);
                assertThat(hit.get(0).score()).as("dim %d seed=%d", dim, seed)
                        .isCloseTo(f.compare(q, v), org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void searchRightAfterPutFindsTheNewVector() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 16, VectorMetric.L2), small(), r, 3000)) {
            for (int i = 0; i < 300; i++) {
                float[] v = randomVector(r, 16, VectorMetric.L2);
                long key = 1_000_000 + i;
                idx.put(key, v);
                List<KeyHit> hits = idx.search(v, 1, null, SearchOptions.approximate(16));
                assertThat(hits).as("seed=%d i=%d", seed, i).extracting(KeyHit::key).containsExactly(key);
                assertThat(hits.get(0).score()).isEqualTo(1f);
            }
        }
    }

    @Test
    void readYourWritesUnderConcurrentAddsAndSearches() throws Exception {
        long seed = VectorTestSupport.seed();
        try (VectorSpaceIndex idx = VectorSpaceIndex.create(new VectorSpec("s", 24, VectorMetric.COSINE),
                small().withBulkBuildThreshold(256))) {
            int writers = 4;
            int perWriter = 800;
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(writers);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int wid = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    Random r = new Random(seed + wid);
                    try {
                        for (int i = 0; i < perWriter; i++) {
                            long key = wid * 1_000_000L + i;
                            float[] v = randomVector(r, 24, VectorMetric.COSINE);
                            idx.put(key, v);
                            List<KeyHit> hits = idx.search(v, 3, null, SearchOptions.auto(32));
                            if (hits.isEmpty() || hits.get(0).key() != key) {
                                failures.add("writer " + wid + " key " + key + " got " + hits);
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t.toString());
                    } finally {
                        done.countDown();
                    }
                }));
            }
            Thread reader = Thread.ofPlatform().start(() -> {
                Random r = new Random(seed ^ 0x5eed);
                while (!stop.get()) {
                    try {
                        List<KeyHit> hits = idx.search(randomVector(r, 24, VectorMetric.COSINE), 10);
                        for (int i = 1; i < hits.size(); i++) {
                            if (hits.get(i).score() > hits.get(i - 1).score()) {
                                failures.add("unsorted " + hits);
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t.toString());
                    }
                }
            });
            done.await();
            stop.set(true);
            reader.join();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).as("seed=%d", seed).isEmpty();
            assertThat(idx.awaitIdle(WAIT)).isTrue();
            assertThat(idx.size()).isEqualTo(writers * perWriter);
            assertThat(idx.stats().indexed()).isEqualTo(writers * perWriter);
            assertThat(idx.stats().lastIndexerError()).isNull();
        }
    }

    @Test
    void replacementsAndRemovalsAreNeverReturnedStale() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorIndexOptions o = small().withCompaction(0.9, 100_000); // no compaction here
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 8, VectorMetric.L2), o, r, 1500)) {
            float[] old = idx.get(1000);
            float[] replacement = randomVector(r, 8, VectorMetric.L2);
            idx.put(1000, replacement);
            assertThat(idx.get(1000)).containsExactly(replacement);
            assertThat(idx.size()).isEqualTo(1500);
            for (SearchOptions so : List.of(SearchOptions.exact(), SearchOptions.approximate(64), SearchOptions.auto())) {
                List<KeyHit> hits = idx.search(old, 5, null, so);
                assertThat(hits).as("seed=%d %s", seed, so).allSatisfy(h -> assertThat(h.score()).isLessThan(1f));
                assertThat(idx.search(replacement, 1, null, so)).extracting(KeyHit::key).containsExactly(1000L);
            }
            float[] v = idx.get(1001);
            assertThat(idx.remove(1001)).isTrue();
            assertThat(idx.remove(1001)).isFalse();
            assertThat(idx.contains(1001)).isFalse();
            assertThat(idx.get(1001)).isNull();
            assertThat(idx.size()).isEqualTo(1499);
            for (SearchOptions so : List.of(SearchOptions.exact(), SearchOptions.approximate(64), SearchOptions.auto())) {
                assertThat(idx.search(v, 20, null, so)).extracting(KeyHit::key).doesNotContain(1001L);
            }
        }
    }

    @Test
    void compactionDropsDeadOrdinalsAndKeepsAnswersRight() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorIndexOptions o = small().withCompaction(0.2, 50);
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 16, VectorMetric.L2), o, r, 3000)) {
            for (long k = 1000; k < 1000 + 3000; k += 3) {
                idx.remove(k);
            }
            for (long k = 1001; k < 1000 + 3000; k += 3) {
                idx.put(k, randomVector(r, 16, VectorMetric.L2)); // replacements
            }
            assertThat(idx.awaitIdle(WAIT)).isTrue();
            VectorIndexStats s = idx.stats();
            assertThat(s.compactions()).as("seed=%d %s", seed, s).isGreaterThanOrEqualTo(1);
            // idle means no compaction is due: what stays dead is below the trigger (ratio 0.2, at least 50);
            // how much that is depends on when the background compaction took its snapshot
            assertThat(s.dead()).as("seed=%d %s", seed, s).isLessThan((int) Math.max(50, (long) (0.2 * s.ordinals()) + 1));
            assertThat(s.live()).isEqualTo(2000);
            assertThat(s.ordinals()).isEqualTo(2000 + s.dead());
            double sum = 0;
            for (int q = 0; q < 100; q++) {
                float[] query = randomVector(r, 16, VectorMetric.L2);
                List<KeyHit> exact = idx.search(query, 10, null, SearchOptions.exact());
                List<KeyHit> approx = idx.search(query, 10, null, SearchOptions.approximate(64));
                assertThat(approx).extracting(KeyHit::key).allSatisfy(k -> assertThat((k - 1000) % 3).isNotZero());
                sum += recall(exact, approx);
            }
            assertThat(sum / 100).as("seed=%d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void selectiveFiltersAreExactAndBroadFiltersKeepRecall() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 16, VectorMetric.L2),
                VectorIndexOptions.defaults().withBuildThreads(2), r, 5000)) {
            LongPredicate selective = k -> k % 100 == 7;  // 1%
            LongPredicate broad = k -> k % 2 == 0;         // 50%
            double broadRecall = 0;
            for (int q = 0; q < 100; q++) {
                float[] query = randomVector(r, 16, VectorMetric.L2);
                List<KeyHit> exactSel = idx.search(query, 10, selective, SearchOptions.exact());
                List<KeyHit> autoSel = idx.search(query, 10, selective, SearchOptions.auto());
                VectorTestSupport.assertSameHits(autoSel, exactSel, "seed=" + seed);
                assertThat(autoSel).hasSize(10).allSatisfy(h -> assertThat(h.key() % 100).isEqualTo(7));
                List<KeyHit> exactBroad = idx.search(query, 10, broad, SearchOptions.exact());
                List<KeyHit> autoBroad = idx.search(query, 10, broad, SearchOptions.auto());
                assertThat(autoBroad).hasSize(10).allSatisfy(h -> assertThat(h.key() % 2).isZero());
                broadRecall += recall(exactBroad, autoBroad);
            }
            assertThat(broadRecall / 100).as("seed=%d", seed).isGreaterThanOrEqualTo(0.95);
            // a filter nobody passes
            assertThat(idx.search(randomVector(r, 16, VectorMetric.L2), 5, k -> false, SearchOptions.auto())).isEmpty();
        }
    }

    @Test
    void bulkBuildThenIncrementalInsertsKeepRecall() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorIndexOptions o = small().withBulkBuildThreshold(500);
        try (VectorSpaceIndex idx = filled(new VectorSpec("s", 16, VectorMetric.L2), o, r, 3000)) {
            assertThat(idx.stats().bulkBuilds()).isGreaterThanOrEqualTo(1);
            for (int i = 0; i < 400; i++) {
                idx.put(50_000 + i, randomVector(r, 16, VectorMetric.L2));
            }
            assertThat(idx.awaitIdle(WAIT)).isTrue();
            assertThat(idx.stats().indexed()).isEqualTo(3400);
            double sum = 0;
            for (int q = 0; q < 100; q++) {
                float[] query = randomVector(r, 16, VectorMetric.L2);
                sum += recall(idx.search(query, 10, null, SearchOptions.exact()),
                        idx.search(query, 10, null, SearchOptions.approximate(64)));
            }
            assertThat(sum / 100).as("seed=%d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void validationErrorsAreClear() {
        try (VectorSpaceIndex l2 = VectorSpaceIndex.create(new VectorSpec("s", 3, VectorMetric.L2), small());
             VectorSpaceIndex cos = VectorSpaceIndex.create(new VectorSpec("c", 3, VectorMetric.COSINE), small());
             VectorSpaceIndex dot = VectorSpaceIndex.create(new VectorSpec("d", 3, VectorMetric.DOT_PRODUCT), small())) {
            assertThatThrownBy(() -> l2.put(1, new float[2])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
            assertThatThrownBy(() -> l2.put(1, new float[] {0, Float.NaN, 0})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("component 1").hasMessageContaining("NaN");
            assertThatThrownBy(() -> l2.put(1, new float[] {Float.POSITIVE_INFINITY, 0, 0}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
            assertThatThrownBy(() -> l2.search(new float[3], 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("k must be positive");
            assertThatThrownBy(() -> l2.search(new float[4], 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension 4");
            assertThatThrownBy(() -> l2.search(new float[] {Float.NaN, 0, 0}, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cos.put(1, new float[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zero vector");
            assertThatThrownBy(() -> cos.search(new float[3], 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zero vector");
            assertThatThrownBy(() -> dot.put(1, new float[] {1, 1, 0})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unit-length");
            dot.put(1, new float[] {0.6f, 0.8f, 0});
            cos.put(1, new float[] {3, 4, 0});
            assertThat(cos.get(1)).containsExactly(0.6f, 0.8f, 0f);
            assertThatThrownBy(() -> new SearchOptions(SearchOptions.Mode.AUTO, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(l2.search(new float[3], 5)).isEmpty();
        }
    }

    @Test
    void closedIndexRefusesWork() {
        VectorSpaceIndex idx = VectorSpaceIndex.create(new VectorSpec("s", 2, VectorMetric.L2), small());
        idx.put(1, new float[] {1, 2});
        idx.close();
        assertThatThrownBy(() -> idx.put(2, new float[] {1, 2})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> idx.search(new float[] {1, 2}, 1)).isInstanceOf(IllegalStateException.class);
    }
}
