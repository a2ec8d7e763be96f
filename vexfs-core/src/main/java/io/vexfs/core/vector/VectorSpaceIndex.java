package io.vexfs.core.vector;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import org.apache.lucene.internal.hppc.LongIntHashMap;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.search.knn.KnnSearchStrategy;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The nearest-neighbour index of one vector space: {@code long} key (a file's inode number) to one
 * float32 vector, searched with Lucene's HNSW graph plus an exact scan of what the graph does not
 * cover yet.
 *
 * <ul>
 *   <li>Vectors live off-heap; writers ({@link #put}, {@link #remove}) append and tombstone under a
 *       short lock and never wait for the graph: new ordinals flow through an LMAX Disruptor ring to
 *       one indexer thread.</li>
 *   <li>Searches are read-your-writes: a search sees every put and remove that returned before it
 *       started (the unindexed tail is scanned exactly and merged).</li>
 *   <li>Dead ordinals (replaced or removed) are filtered out and, past
 *       {@link VectorIndexOptions#compactionRatio()}, compacted away with a rebuilt graph in the
 *       background; searches keep running on the previous generation meanwhile.</li>
 *   <li>Filters on the key fall back to an exact scan when they are selective.</li>
 *   <li>{@link #serialize(Arena)} / {@link #load(MemorySegment, VectorIndexOptions)} persist and
 *       reopen the index without rebuilding the graph (layout: docs/VECTOR-FORMAT.md).</li>
 * </ul>
 *
 * <p>Scores follow Lucene: higher is closer. COSINE vectors are stored normalized; DOT_PRODUCT
 * vectors must have unit length. All methods are thread-safe.
 */
public final class VectorSpaceIndex implements AutoCloseable {
    private static final EventTranslatorOneArg<IndexSignal, Integer> TRANSLATOR = (e, seq, ord) -> e.ordinal = ord;
    private static final AtomicInteger INDEXERS = new AtomicInteger();
    private static final int FILTER_SAMPLE = 512;
    private static final KnnSearchStrategy.Hnsw FILTERED_STRATEGY = new KnnSearchStrategy.Hnsw(60);

    private final VectorSpec spec;
    private final VectorIndexOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object progress = new Object();
    private final Disruptor<IndexSignal> disruptor;
    private final RingBuffer<IndexSignal> ring;
    private final GraphMaintainer maintainer;
    private volatile Generation generation;
    /** Written after every mutation; read first by searches, for visibility of tombstones. */
    private volatile long modCount;
    private volatile boolean closed;
    private volatile String lastIndexerError;
    final AtomicLong compactions = new AtomicLong();
    final AtomicLong bulkBuilds = new AtomicLong();

    private VectorSpaceIndex(VectorSpec spec, VectorIndexOptions options, Generation initial) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
        this.generation = initial;
        this.maintainer = new GraphMaintainer(this, options);
        this.disruptor = new Disruptor<>(IndexSignal::new, 1024, r -> {
            Thread t = new Thread(r, "vexfs-vector-indexer-" + spec.name() + "-" + INDEXERS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, new TimeoutBlockingWaitStrategy(50, TimeUnit.MILLISECONDS));
        disruptor.handleEventsWith(maintainer);
        this.ring = disruptor.start();
        wake();
    }

    /** A new, empty index for {@code spec}. */
    public static VectorSpaceIndex create(VectorSpec spec, VectorIndexOptions options) {
        return new VectorSpaceIndex(spec, options,
                new Generation(new OffHeapVectorStore(spec.dimension()), new Tombstones(), new LongIntHashMap(),
                        options.quantized()));
    }

    /**
     * Reopens an index from bytes written by {@link #serialize(Arena)}; the graph is used as stored.
     * The segment is only read during this call.
     *
     * @throws VexfsException {@code EBADMSG} on a checksum mismatch, {@code EUCLEAN} on any other
     *                        inconsistency
     */
    public static VectorSpaceIndex load(MemorySegment blob, VectorIndexOptions options) throws VexfsException {
        return fromImage(blob, options, false);
    }

    /**
     * Like {@link #load} but without copying the vectors: the index reads the image's vector
     * section in place (for example a read-only mapping of the volume), so opening costs only the
     * validation pass. {@code blob} must stay readable and unchanged until this index is closed or
     * has compacted (compaction copies live vectors into memory of its own).
     */
    public static VectorSpaceIndex open(MemorySegment blob, VectorIndexOptions options) throws VexfsException {
        return fromImage(blob, options, true);
    }

    private static VectorSpaceIndex fromImage(MemorySegment blob, VectorIndexOptions options, boolean adopt)
            throws VexfsException {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(options, "options");
        VectorIndexCodec.Loaded l = VectorIndexCodec.read(blob, adopt);
        Generation g = new Generation(l.store(), l.dead(), l.keyToOrd(), options.quantized());
        if (l.graph().size() > 0) {
            g.setGraph(l.graph(), null, l.graph().size());
        }
        return new VectorSpaceIndex(l.spec(), options, g);
    }

    /** The space this index serves. */
    public VectorSpec spec() {
        return spec;
    }

    public VectorIndexOptions options() {
        return options;
    }

    /**
     * Sets the vector of {@code key}, replacing any previous one. Returns without waiting for the
     * graph; searches see the vector as soon as this returns.
     *
     * @throws IllegalArgumentException wrong dimension, non-finite component, zero vector (COSINE),
     *                                  or not unit length (DOT_PRODUCT)
     */
    public void put(long key, float[] vector) {
        float[] v = VectorChecks.forStorage(spec, vector);
        int ord;
        writeLock.lock();
        try {
            checkOpen();
            Generation g = generation;
            int idx = g.keyToOrd.indexOf(key);
            if (g.keyToOrd.indexExists(idx)) {
                g.dead.set(g.keyToOrd.indexGet(idx));
            }
            ord = g.store.append(v, key);
            g.keyToOrd.put(key, ord);
            modCount++;
        } finally {
            writeLock.unlock();
        }
        ring.tryPublishEvent(TRANSLATOR, ord);
    }

    /** Removes the vector of {@code key}; returns whether it had one. */
    public boolean remove(long key) {
        boolean removed;
        writeLock.lock();
        try {
            checkOpen();
            Generation g = generation;
            int idx = g.keyToOrd.indexOf(key);
            removed = g.keyToOrd.indexExists(idx);
            if (removed) {
                g.dead.set(g.keyToOrd.indexRemove(idx));
                modCount++;
            }
        } finally {
            writeLock.unlock();
        }
        if (removed && maintainer.needsCompaction(generation)) {
            wake();
        }
        return removed;
    }

    public boolean contains(long key) {
        writeLock.lock();
        try {
            return generation.keyToOrd.containsKey(key);
        } finally {
            writeLock.unlock();
        }
    }

    /** The stored vector of {@code key} (unit length for COSINE spaces), or null. */
    public float[] get(long key) {
        writeLock.lock();
        try {
            Generation g = generation;
            int idx = g.keyToOrd.indexOf(key);
            return g.keyToOrd.indexExists(idx) ? g.store.vector(g.keyToOrd.indexGet(idx)) : null;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Whether {@code key} is present with the stored form of {@code canonical} (normalized for
     * COSINE), component by component within float rounding; false if absent, different or invalid.
     * fsck uses it to match a persisted index against the vectors on the files.
     */
    public boolean holds(long key, float[] canonical) {
        float[] mine = get(key);
        if (mine == null || canonical == null || canonical.length != mine.length) {
            return false;
        }
        float[] want;
        try {
            want = VectorChecks.forStorage(spec, canonical);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (Math.abs(want[i] - mine[i]) > 1e-6f * Math.max(1f, Math.abs(want[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Number of keys with a vector. */
    public int size() {
        writeLock.lock();
        try {
            return generation.keyToOrd.size();
        } finally {
            writeLock.unlock();
        }
    }

    /** The {@code k} nearest keys, best first, with the index's automatic strategy. */
    public List<KeyHit> search(float[] query, int k) {
        return search(query, k, null, SearchOptions.auto());
    }

    /**
     * The {@code k} nearest keys accepted by {@code filter} (null accepts all), best first.
     *
     * <p>In {@link SearchOptions.Mode#AUTO} a filter is first estimated on a sample; when it passes
     * few vectors the search is an exact scan of the passing ones, otherwise a filtered graph search
     * (Lucene's filtered strategy) that falls back to exact when it visits too much or finds fewer
     * than {@code k}. The filter may be called from the calling thread only, on any stored key.
     */
    public List<KeyHit> search(float[] query, int k, LongPredicate filter, SearchOptions options) {
        VectorChecks.checkK(k);
        Objects.requireNonNull(options, "options");
        float[] q = VectorChecks.forQuery(spec, query);
        checkOpen();
        long seen = modCount; // volatile read: orders this search after every mutation that returned before it
        assert seen >= 0;
        Generation g = generation;
        int n = g.store.size();
        int live = n - g.dead.count();
        if (live <= 0) {
            return List.of();
        }
        int ef = Math.max(k, options.ef() > 0 ? options.ef() : this.options.defaultEf());
        Bits accept = acceptBits(g, filter, n);
        boolean exact = switch (options.mode()) {
            case EXACT -> true;
            case APPROXIMATE -> false;
            case AUTO -> live <= this.options.exactBelowSize();
        };
        int estimatedPass = live;
        if (!exact && filter != null) {
            double fraction = passFraction(g, filter, n);
            estimatedPass = (int) Math.ceil(fraction * live);
            if (options.mode() == SearchOptions.Mode.AUTO
                    && (fraction < this.options.exactFilterFraction() || estimatedPass < this.options.exactFilterCount())) {
                exact = true;
            }
        }
        if (exact) {
            return exactSearch(g, q, k, accept, n);
        }
        TopHits top = new TopHits(k);
        int bound = 0;
        boolean incomplete = false;
        long stamp = g.graphLock.readLock();
        try {
            HnswGraph graph = g.graph;
            bound = g.bound;
            if (graph != null && bound > 0) {
                HnswGraph view = graph instanceof OnHeapHnswGraph oh ? new OnHeapGraphView(oh)
                        : ((PackedHnswGraph) graph).cursor();
                Int8Quantizer quantizer = g.quantizer;
                RandomVectorScorer scorer = quantizer != null
                        ? new QuantizedQueryScorer(quantizer, g.codes, spec.metric(), q, bound)
                        : new QueryScorer(g.store, spec.metric(), q, bound);
                TopKnnCollector collector;
                int filtered;
                if (filter == null) {
                    collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
                    filtered = view.size();
                } else {
                    long limit = 2L * estimatedPass + 4L * ef + 1000;
                    collector = new TopKnnCollector(ef, (int) Math.min(Integer.MAX_VALUE, limit), FILTERED_STRATEGY);
                    filtered = Math.min(view.size(), Math.max(1, estimatedPass));
                }
                HnswGraphSearcher.search(scorer, collector, view, accept, filtered);
                incomplete = collector.earlyTerminated();
                for (ScoreDoc sd : collector.topDocs().scoreDocs) {
                    // quantized traversal: re-rank the ef candidates with the float vectors
                    top.offer(sd.doc, quantizer == null ? sd.score : floatScore(g, q, sd.doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g.graphLock.unlockRead(stamp);
        }
        if (options.mode() == SearchOptions.Mode.AUTO && incomplete) {
            return exactSearch(g, q, k, accept, n);
        }
        scan(g, q, accept, Math.min(bound, n), n, top);
        if (options.mode() == SearchOptions.Mode.AUTO && top.size() < Math.min(k, live)) {
            // Too few answers (dead or filtered neighbourhoods): the exact answer is affordable and correct.
            return exactSearch(g, q, k, accept, n);
        }
        return hits(g, top);
    }

    private float floatScore(Generation g, float[] q, int ord) {
        return VectorMath.score(spec.metric(),
                VectorMath.raw(spec.metric(), q, g.store.segment(ord), g.store.offset(ord), g.store.dimension()));
    }

    private List<KeyHit> exactSearch(Generation g, float[] q, int k, Bits accept, int n) {
        TopHits top = new TopHits(k);
        scan(g, q, accept, 0, n, top);
        return hits(g, top);
    }

    private void scan(Generation g, float[] q, Bits accept, int from, int to, TopHits top) {
        OffHeapVectorStore s = g.store;
        int dim = s.dimension();
        for (int ord = from; ord < to; ord++) {
            if (accept == null || accept.get(ord)) {
                float score = VectorMath.score(spec.metric(), VectorMath.raw(spec.metric(), q, s.segment(ord), s.offset(ord), dim));
                top.offer(ord, score);
            }
        }
    }

    private static List<KeyHit> hits(Generation g, TopHits top) {
        int[] ords = new int[top.size()];
        float[] scores = new float[top.size()];
        int c = top.drainBestFirst(ords, scores);
        List<KeyHit> out = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            out.add(new KeyHit(g.store.key(ords[i]), scores[i]));
        }
        return out;
    }

    private static Bits acceptBits(Generation g, LongPredicate filter, int n) {
        Tombstones dead = g.dead;
        OffHeapVectorStore store = g.store;
        if (filter == null) {
            if (dead.count() == 0) {
                return null;
            }
            return new Bits() {
                @Override
                public boolean get(int ord) {
                    return !dead.get(ord);
                }

                @Override
                public int length() {
                    return n;
                }
            };
        }
        return new Bits() {
            @Override
            public boolean get(int ord) {
                return !dead.get(ord) && filter.test(store.key(ord));
            }

            @Override
            public int length() {
                return n;
            }
        };
    }

    /** Fraction of live ordinals the filter accepts, from up to {@value #FILTER_SAMPLE} evenly spaced ones. */
    private static double passFraction(Generation g, LongPredicate filter, int n) {
        int samples = Math.min(n, FILTER_SAMPLE);
        double step = (double) n / samples;
        int live = 0;
        int pass = 0;
        for (int i = 0; i < samples; i++) {
            int ord = (int) (i * step);
            if (!g.dead.get(ord)) {
                live++;
                if (filter.test(g.store.key(ord))) {
                    pass++;
                }
            }
        }
        return live == 0 ? 0 : (double) pass / live;
    }

    /**
     * Waits until the graph covers every stored vector, no compaction is due and (for quantized
     * indexes) the quantizer is trained.
     *
     * @return false on timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (true) {
                Generation g = generation;
                if (g.indexedBound >= g.store.size() && !maintainer.needsCompaction(g) && !maintainer.needsQuantizer(g)) {
                    return true;
                }
                if (closed || lastIndexerError != null) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wake();
                progress.wait(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Counters and sizes at this moment. */
    public VectorIndexStats stats() {
        writeLock.lock();
        try {
            Generation g = generation;
            return new VectorIndexStats(g.keyToOrd.size(), g.store.size(), g.dead.count(), g.indexedBound,
                    compactions.get(), bulkBuilds.get(), g.store.allocatedBytes(), lastIndexerError);
        } finally {
            writeLock.unlock();
        }
    }

    /** Exact size in bytes of what {@link #serialize(Arena)} would write now. */
    public long serializedSize() {
        return snapshot().byteSize();
    }

    /**
     * Writes the whole index (vectors, keys, dead ordinals, graph) into a new segment of
     * {@code arena}, in the checksummed layout of docs/VECTOR-FORMAT.md. Writers are paused only
     * while keys and tombstones are copied; the graph is copied under its read lock.
     */
    public MemorySegment serialize(Arena arena) {
        VectorIndexCodec.Snapshot s = snapshot();
        MemorySegment out = arena.allocate(s.byteSize(), 8);
        VectorIndexCodec.write(s, out);
        return out;
    }

    /** {@link #serialize(Arena)} into a byte array (indexes under 2 GiB). */
    public byte[] toByteArray() {
        VectorIndexCodec.Snapshot s = snapshot();
        if (s.byteSize() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("index of " + s.byteSize() + " bytes does not fit a byte array");
        }
        byte[] out = new byte[(int) s.byteSize()];
        VectorIndexCodec.write(s, MemorySegment.ofArray(out));
        return out;
    }

    private VectorIndexCodec.Snapshot snapshot() {
        writeLock.lock();
        try {
            checkOpen();
            Generation g = generation;
            int n = g.store.size();
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = g.store.key(i);
            }
            long[] dead = g.dead.copyWords(n);
            PackedHnswGraph packed;
            long stamp = g.graphLock.readLock();
            try {
                HnswGraph graph = g.graph;
                if (graph == null || g.bound == 0) {
                    packed = new PackedHnswGraph(0, options.m(), -1, new int[0][], new int[0][], new int[0][]);
                } else if (graph instanceof PackedHnswGraph p) {
                    packed = p;
                } else {
                    packed = PackedHnswGraph.of((OnHeapHnswGraph) graph, g.bound);
                }
            } finally {
                g.graphLock.unlockRead(stamp);
            }
            return new VectorIndexCodec.Snapshot(spec, g.store, n, keys, dead, packed);
        } finally {
            writeLock.unlock();
        }
    }

    /** Stops the indexer. Searches and writes afterwards throw {@link IllegalStateException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        disruptor.halt();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    // ---- package-private hooks for the indexer ----

    Generation generation() {
        return generation;
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    /** Installs a compacted generation; caller holds the writer lock. */
    void publish(Generation next) {
        generation = next;
        modCount++;
    }

    boolean isClosed() {
        return closed;
    }

    void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    void indexerFailed(Throwable e) {
        lastIndexerError = e.toString();
        System.getLogger(VectorSpaceIndex.class.getName()).log(System.Logger.Level.ERROR,
                "vector indexer for space '" + spec.name() + "' failed; searches fall back to exact scans", e);
    }

    private void wake() {
        ring.tryPublishEvent(TRANSLATOR, -1);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("vector index '" + spec.name() + "' is closed");
        }
    }
}
