package io.vexfs.core.vector;

import static io.vexfs.core.vector.VectorTestSupport.assertSameHits;
import static io.vexfs.core.vector.VectorTestSupport.randomVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorIndexPersistenceTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static VectorIndexOptions opts() {
        return VectorIndexOptions.defaults().withBuildThreads(2);
    }

    @ParameterizedTest
    @EnumSource(VectorMetric.class)
    void reloadGivesIdenticalAnswersWithoutRebuilding(VectorMetric metric) throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorSpec spec = new VectorSpec("photos-" + metric, 20, metric);
        try (VectorSpaceIndex a = VectorSpaceIndex.create(spec, opts()); Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < 3000; i++) {
                a.put(i * 7L, randomVector(r, 20, metric));
            }
            assertThat(a.awaitIdle(WAIT)).isTrue();
            for (int i = 0; i < 300; i++) {
                a.remove(i * 7L * 3); // some dead ordinals, below the compaction threshold
            }
            MemorySegment blob = a.serialize(arena);
            assertThat(blob.byteSize()).isEqualTo(a.serializedSize());
            try (VectorSpaceIndex b = VectorSpaceIndex.load(blob, opts())) {
                assertThat(b.spec()).isEqualTo(spec);
                assertThat(b.size()).isEqualTo(a.size());
                assertThat(b.stats().indexed()).as("graph reused, not rebuilt").isEqualTo(a.stats().indexed());
                assertThat(b.stats().bulkBuilds()).isZero();
                for (int q = 0; q < 300; q++) {
                    float[] query = randomVector(r, 20, metric);
                    for (SearchOptions so : List.of(SearchOptions.approximate(40), SearchOptions.exact())) {
                        assertSameHits(b.search(query, 10, null, so), a.search(query, 10, null, so),
                                "seed=" + seed + " q=" + q + " " + so);
                    }
                }
                // the loaded index keeps working: inserts extend the loaded graph
                for (int i = 0; i < 200; i++) {
                    float[] v = randomVector(r, 20, metric);
                    b.put(1_000_000 + i, v);
                    assertThat(b.search(v, 1, null, SearchOptions.approximate(20))).extracting(KeyHit::key)
                            .containsExactly(1_000_000L + i);
                }
                assertThat(b.awaitIdle(WAIT)).isTrue();
                assertThat(b.stats().indexed()).isEqualTo(b.stats().ordinals());
                assertThat(b.stats().lastIndexerError()).isNull();
                // and reserializes to an equal image of itself
                try (VectorSpaceIndex c = VectorSpaceIndex.load(MemorySegment.ofArray(b.toByteArray()), opts())) {
                    float[] query = randomVector(r, 20, metric);
                    assertSameHits(c.search(query, 10, null, SearchOptions.approximate(40)),
                            b.search(query, 10, null, SearchOptions.approximate(40)), "seed=" + seed);
                }
            }
        }
    }

    @Test
    void openReadsVectorsInPlaceAndKeepsWorking() throws Exception {
        long seed = VectorTestSupport.seed();
        Random r = new Random(seed);
        VectorSpec spec = new VectorSpec("inplace", 12, VectorMetric.COSINE);
        VectorIndexOptions o = opts().withCompaction(0.2, 50);
        try (VectorSpaceIndex a = VectorSpaceIndex.create(spec, o); Arena arena = Arena.ofShared()) {
            for (int i = 0; i < 2500; i++) {
                a.put(i, randomVector(r, 12, VectorMetric.COSINE));
            }
            assertThat(a.awaitIdle(WAIT)).isTrue();
            MemorySegment blob = a.serialize(arena);
            try (VectorSpaceIndex b = VectorSpaceIndex.open(blob, o)) {
                assertThat(b.stats().vectorBytes()).as("vectors not copied").isZero();
                for (int q = 0; q < 100; q++) {
                    float[] query = randomVector(r, 12, VectorMetric.COSINE);
                    assertSameHits(b.search(query, 10, null, SearchOptions.approximate(40)),
                            a.search(query, 10, null, SearchOptions.approximate(40)), "seed=" + seed + " q=" + q);
                }
                for (int i = 0; i < 300; i++) { // appends beyond the adopted image
                    float[] v = randomVector(r, 12, VectorMetric.COSINE);
                    b.put(10_000 + i, v);
                    assertThat(b.search(v, 1, null, SearchOptions.approximate(20))).extracting(KeyHit::key)
                            .containsExactly(10_000L + i);
                }
                for (int i = 0; i < 1000; i++) { // then compaction copies everything into own memory
                    b.remove(i);
                }
                assertThat(b.awaitIdle(WAIT)).isTrue();
                assertThat(b.stats().compactions()).isGreaterThanOrEqualTo(1);
                assertThat(b.size()).isEqualTo(1800);
                float[] v = b.get(2000);
                assertThat(b.search(v, 1, null, SearchOptions.approximate(20))).extracting(KeyHit::key).containsExactly(2000L);
                assertThat(b.stats().lastIndexerError()).isNull();
            }
        }
    }

    @Test
    void emptyAndUnindexedIndexesRoundTrip() throws Exception {
        VectorSpec spec = new VectorSpec("e", 4, VectorMetric.L2);
        try (VectorSpaceIndex a = VectorSpaceIndex.create(spec, opts())) {
            byte[] empty = a.toByteArray();
            try (VectorSpaceIndex b = VectorSpaceIndex.load(MemorySegment.ofArray(empty), opts())) {
                assertThat(b.size()).isZero();
                assertThat(b.search(new float[4], 3)).isEmpty();
            }
        }
    }

    private static byte[] smallBlob(long seed) throws Exception {
        Random r = new Random(seed);
        try (VectorSpaceIndex a = VectorSpaceIndex.create(new VectorSpec("tiny", 3, VectorMetric.L2), opts())) {
            for (int i = 0; i < 40; i++) {
                a.put(i, randomVector(r, 3, VectorMetric.L2));
            }
            assertThat(a.awaitIdle(WAIT)).isTrue();
            a.remove(5);
            return a.toByteArray();
        }
    }

    @Test
    void everyFlippedByteGivesACleanErrorOrAnIdenticalLoad() throws Exception {
        long seed = VectorTestSupport.seed();
        byte[] good = smallBlob(seed);
        List<KeyHit> expected;
        float[] query = {0.1f, -0.2f, 0.3f};
        try (VectorSpaceIndex ok = VectorSpaceIndex.load(MemorySegment.ofArray(good), opts())) {
            expected = ok.search(query, 5, null, SearchOptions.approximate(10));
        }
        int errors = 0;
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                try (VectorSpaceIndex idx = VectorSpaceIndex.load(MemorySegment.ofArray(bad), opts())) {
                    assertSameHits(idx.search(query, 5, null, SearchOptions.approximate(10)), expected,
                            "byte " + i + " mask " + mask + " loaded, seed=" + seed);
                } catch (VexfsException e) {
                    assertThat(e.error()).as("byte %d: %s", i, e.getMessage()).isIn(VexfsError.EBADMSG, VexfsError.EUCLEAN);
                    assertThat(e.detail()).startsWith("vector index:");
                    errors++;
                } catch (Throwable t) {
                    fail("byte " + i + " mask " + mask + " threw " + t, t);
                }
            }
        }
        assertThat(errors).isGreaterThan(good.length); // checksums catch (nearly) everything
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            try {
                VectorSpaceIndex.load(MemorySegment.ofArray(cut), opts()).close();
                fail("truncated to " + len + " loaded");
            } catch (VexfsException e) {
                assertThat(e.error()).isIn(VexfsError.EBADMSG, VexfsError.EUCLEAN);
            }
        }
    }

    @Test
    void structuralDamageWithValidChecksumsIsEuclean() throws Exception {
        byte[] good = smallBlob(VectorTestSupport.seed());
        MemorySegment g = MemorySegment.ofArray(good);
        // locate the GRPH section
        long pos = VectorIndexCodec.HEADER_BYTES;
        while (g.get(I32, pos) != VectorIndexCodec.TAG_GRPH) {
            long len = g.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos + 8);
            pos += VectorIndexCodec.SECTION_HEADER_BYTES + ((len + 7) & ~7L);
        }
        long payload = pos + VectorIndexCodec.SECTION_HEADER_BYTES;
        long len = g.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos + 8);
        // level 0: node count (40), 41 offsets, edge count, then neighbour ids: point the first out of range
        assertThat(g.get(I32, payload)).isEqualTo(40);
        byte[] bad = good.clone();
        MemorySegment b = MemorySegment.ofArray(bad);
        b.set(I32, payload + 4 + 4 * 41 + 4, 1_000_000);
        b.set(I32, pos + 4, VectorIndexCodec.crc(b, payload, len));
        assertEuclean(bad, "neighbour");
        // a dead key made live twice: duplicate key
        bad = good.clone();
        b = MemorySegment.ofArray(bad);
        long keysPos = VectorIndexCodec.HEADER_BYTES;
        long vlen = b.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), keysPos + 8);
        keysPos += VectorIndexCodec.SECTION_HEADER_BYTES + ((vlen + 7) & ~7L);
        long keysPayload = keysPos + VectorIndexCodec.SECTION_HEADER_BYTES;
        b.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), keysPayload + 8, 0L); // key 1 -> 0
        b.set(I32, keysPos + 4, VectorIndexCodec.crc(b, keysPayload, 8L * 40));
        assertEuclean(bad, "key 0");
        // header field out of range with the header checksum recomputed
        bad = good.clone();
        b = MemorySegment.ofArray(bad);
        b.set(I32, 12, 0);
        b.set(I32, 124, VectorIndexCodec.crc(b, 0, 124));
        assertEuclean(bad, "dimension");
    }

    private static void assertEuclean(byte[] blob, String detail) {
        try {
            VectorSpaceIndex.load(MemorySegment.ofArray(blob), opts()).close();
            fail("corrupt blob loaded");
        } catch (VexfsException e) {
            assertThat(e.error()).isEqualTo(VexfsError.EUCLEAN);
            assertThat(e.detail()).contains(detail);
        }
    }
}
