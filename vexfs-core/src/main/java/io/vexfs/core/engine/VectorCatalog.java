package io.vexfs.core.engine;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.core.VectorHit;
import org.apache.lucene.index.VectorSimilarityFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongPredicate;

/**
 * The volume's vector spaces and, once loaded, every stored vector by inode, plus the path index
 * that turns inodes back into paths. Mutated under the volume's write lock; read under its read lock.
 */
final class VectorCatalog {
    /** One space: its definition and its vectors by inode. */
    static final class Space {
        final VectorSpec spec;
        final VectorSimilarityFunction similarity;
        final Map<Long, float[]> vectors = new HashMap<>();

        Space(VectorSpec spec) {
            this.spec = spec;
            this.similarity = switch (spec.metric()) {
                case L2 -> VectorSimilarityFunction.EUCLIDEAN;
                case COSINE -> VectorSimilarityFunction.COSINE;
                case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
            };
        }
    }

    private final Map<String, Space> spaces = new LinkedHashMap<>();
    private volatile boolean loaded;
    private PathIndex paths;

    void defineSpace(VectorSpec spec) {
        spaces.put(spec.name(), new Space(spec));
    }

    void dropSpace(String name) {
        spaces.remove(name);
    }

    Space space(String name) {
        return spaces.get(name);
    }

    List<VectorSpec> specs() {
        List<VectorSpec> out = new ArrayList<>();
        for (Space s : spaces.values()) {
            out.add(s.spec);
        }
        return out;
    }

    boolean loaded() {
        return loaded;
    }

    /** Installs the result of the loading walk. */
    void install(PathIndex index) {
        this.paths = index;
        this.loaded = true;
    }

    PathIndex paths() {
        return paths;
    }

    void setVector(String space, long ino, float[] v) {
        if (loaded) {
            Space s = spaces.get(space);
            if (s != null) {
                s.vectors.put(ino, v.clone());
            }
        }
    }

    void removeVector(String space, long ino) {
        if (loaded) {
            Space s = spaces.get(space);
            if (s != null) {
                s.vectors.remove(ino);
            }
        }
    }

    /** An inode went away: its vectors and names with it. */
    void inodeFreed(long ino) {
        if (loaded) {
            for (Space s : spaces.values()) {
                s.vectors.remove(ino);
            }
            paths.forget(ino);
        }
    }

    void entryAdded(long parent, String name, long ino) {
        if (loaded) {
            paths.add(parent, name, ino);
        }
    }

    void entryRemoved(long parent, String name, long ino) {
        if (loaded) {
            paths.remove(parent, name, ino);
        }
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Space s : spaces.values()) {
            m.put(s.spec.name(), loaded ? (long) s.vectors.size() : -1L);
        }
        return m;
    }

    /** Exact k-NN over every vector of the space that passes {@code accept}; best first. */
    static List<long[]> exact(Space s, float[] query, int k, LongPredicate accept, float[] scoresOut) {
        PriorityQueue<Object[]> heap = new PriorityQueue<>(k + 1, (a, b) -> {
            int c = Float.compare((float) a[1], (float) b[1]);
            return c != 0 ? c : Long.compare((long) b[0], (long) a[0]);
        });
        for (Map.Entry<Long, float[]> e : s.vectors.entrySet()) {
            long ino = e.getKey();
            if (!accept.test(ino)) {
                continue;
            }
            float score = s.similarity.compare(query, e.getValue());
            if (heap.size() < k) {
                heap.add(new Object[] {ino, score});
            } else if (score > (float) heap.peek()[1]) {
                heap.poll();
                heap.add(new Object[] {ino, score});
            }
        }
        List<Object[]> sorted = new ArrayList<>(heap);
        sorted.sort((a, b) -> {
            int c = Float.compare((float) b[1], (float) a[1]);
            return c != 0 ? c : Long.compare((long) a[0], (long) b[0]);
        });
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.add(new long[] {(long) sorted.get(i)[0]});
            scoresOut[i] = (float) sorted.get(i)[1];
        }
        return out;
    }

    /** Turns inode answers into path answers (dropping any that became unreachable). */
    List<VectorHit> toHits(List<long[]> inodes, float[] scores) {
        List<VectorHit> out = new ArrayList<>();
        for (int i = 0; i < inodes.size(); i++) {
            long ino = inodes.get(i)[0];
            String p = paths.path(ino);
            if (p != null) {
                out.add(new VectorHit(p, ino, scores[i]));
            }
        }
        return out;
    }

    static boolean needsNorm(VectorMetric m) {
        return m != VectorMetric.L2;
    }
}
