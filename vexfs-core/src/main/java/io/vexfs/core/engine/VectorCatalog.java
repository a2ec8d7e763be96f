package io.vexfs.core.engine;

import io.vexfs.api.VectorSpec;
import io.vexfs.core.VectorHit;
import io.vexfs.core.vector.KeyHit;
import io.vexfs.core.vector.SearchOptions;
import io.vexfs.core.vector.VectorIndexOptions;
import io.vexfs.core.vector.VectorSpaceIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The volume's vector spaces and, once loaded, every stored vector by inode, plus the path index
 * that turns inodes back into paths. Mutated under the volume's write lock; read under its read lock.
 */
final class VectorCatalog {
    /** One space: its definition and, once loaded, its nearest-neighbour index keyed by inode. */
    static final class Space {
        final VectorSpec spec;
        VectorSpaceIndex index;

        Space(VectorSpec spec) {
            this.spec = spec;
        }
    }

    private final Map<String, Space> spaces = new LinkedHashMap<>();
    private volatile boolean loaded;
    private PathIndex paths;

    void defineSpace(VectorSpec spec) {
        Space s = new Space(spec);
        if (loaded) {
            s.index = VectorSpaceIndex.create(spec, options);
        }
        spaces.put(spec.name(), s);
    }

    void dropSpace(String name) {
        Space s = spaces.remove(name);
        if (s != null && s.index != null) {
            s.index.close();
        }
    }

    private final VectorIndexOptions options = VectorIndexOptions.defaults();

    /** Creates the (empty) indexes of every space before the loading walk fills them. */
    void createIndexes() {
        for (Space s : spaces.values()) {
            if (s.index == null) {
                s.index = VectorSpaceIndex.create(s.spec, options);
            }
        }
    }

    /** Closes and forgets every index (a failed loading walk starts again from nothing next time). */
    void discardIndexes() {
        for (Space s : spaces.values()) {
            if (s.index != null) {
                s.index.close();
                s.index = null;
            }
        }
    }

    /** Stops every index's background work. */
    void close() {
        for (Space s : spaces.values()) {
            if (s.index != null) {
                s.index.close();
            }
        }
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
                s.index.put(ino, v);
            }
        }
    }

    void removeVector(String space, long ino) {
        if (loaded) {
            Space s = spaces.get(space);
            if (s != null) {
                s.index.remove(ino);
            }
        }
    }

    /** An inode went away: its vectors and names with it. */
    void inodeFreed(long ino) {
        if (loaded) {
            for (Space s : spaces.values()) {
                s.index.remove(ino);
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
            m.put(s.spec.name(), loaded ? (long) s.index.size() : -1L);
        }
        return m;
    }

    /** k-NN through the space's index (exact or approximate per {@code options}); best first. */
    static List<KeyHit> search(Space s, float[] query, int k, LongPredicate accept, SearchOptions options) {
        return s.index.search(query, k, accept, options);
    }

    /** Turns inode answers into path answers (dropping any that became unreachable). */
    List<VectorHit> toHits(List<KeyHit> hits) {
        List<VectorHit> out = new ArrayList<>();
        for (KeyHit h : hits) {
            String p = paths.path(h.key());
            if (p != null) {
                out.add(new VectorHit(p, h.key(), h.score()));
            }
        }
        return out;
    }
}
