package io.vexfs.core.vector;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * An immutable HNSW graph in flat arrays (compressed sparse rows per level), as persisted and as
 * loaded: level 0 holds nodes {@code 0..size-1}; level {@code l > 0} holds the sorted node list
 * {@code levelNodes[l]}. Row {@code i} of level {@code l} is
 * {@code neighbors[l][offsets[l][i] .. offsets[l][i+1])}.
 *
 * <p>The arrays are shared and never modified; each instance carries its own seek cursor, so each
 * concurrent search uses {@link #cursor()}.
 */
final class PackedHnswGraph extends HnswGraph {
    final int size;
    final int maxConn;
    final int entryNode;
    final int[][] levelNodes;
    final int[][] offsets;
    final int[][] neighbors;

    private int[] curNeighbors;
    private int cur;
    private int end;
    private int count;

    PackedHnswGraph(int size, int maxConn, int entryNode, int[][] levelNodes, int[][] offsets, int[][] neighbors) {
        this.size = size;
        this.maxConn = maxConn;
        this.entryNode = entryNode;
        this.levelNodes = levelNodes;
        this.offsets = offsets;
        this.neighbors = neighbors;
    }

    /** A fresh cursor sharing this graph's arrays. */
    PackedHnswGraph cursor() {
        return new PackedHnswGraph(size, maxConn, entryNode, levelNodes, offsets, neighbors);
    }

    /** Copies the first {@code bound} nodes of an on-heap graph (which must hold exactly nodes 0..bound-1). */
    static PackedHnswGraph of(OnHeapHnswGraph g, int bound) {
        if (bound == 0) {
            return new PackedHnswGraph(0, g.maxConn(), -1, new int[0][], new int[0][], new int[0][]);
        }
        int levels = g.numLevels();
        int[][] nodes = new int[levels][];
        int[][] offs = new int[levels][];
        int[][] nbrs = new int[levels][];
        for (int l = 0; l < levels; l++) {
            int[] list;
            if (l == 0) {
                list = null;
            } else {
                int c = 0;
                int[] tmp = new int[16];
                for (int n = 0; n < bound; n++) {
                    if (g.nodeExistAtLevel(l, n)) {
                        if (c == tmp.length) {
                            tmp = Arrays.copyOf(tmp, c * 2);
                        }
                        tmp[c++] = n;
                    }
                }
                list = Arrays.copyOf(tmp, c);
            }
            int count = l == 0 ? bound : list.length;
            int[] o = new int[count + 1];
            int total = 0;
            for (int i = 0; i < count; i++) {
                total += g.getNeighbors(l, l == 0 ? i : list[i]).size();
                o[i + 1] = total;
            }
            int[] nb = new int[total];
            for (int i = 0; i < count; i++) {
                NeighborArray a = g.getNeighbors(l, l == 0 ? i : list[i]);
                System.arraycopy(a.nodes(), 0, nb, o[i], a.size());
            }
            nodes[l] = list;
            offs[l] = o;
            nbrs[l] = nb;
        }
        return new PackedHnswGraph(bound, g.maxConn(), g.entryNode(), nodes, offs, nbrs);
    }

    /**
     * An on-heap graph that can keep growing, with this graph's nodes and edges, wrapped in a
     * builder that inserts further ordinals. Neighbour scores are left NaN and computed lazily by
     * Lucene's diversity checks, as Lucene does when it initializes a graph from another.
     */
    IncrementalGraphBuilder toGrowableBuilder(RandomVectorScorerSupplier supplier, int beamWidth, long seed) throws IOException {
        IncrementalGraphBuilder b = new IncrementalGraphBuilder(supplier, maxConn, beamWidth, seed);
        OnHeapHnswGraph g = b.getGraph();
        if (size == 0) {
            return b;
        }
        int levels = levelNodes.length;
        int[] top = new int[size];
        for (int l = 1; l < levels; l++) {
            for (int n : levelNodes[l]) {
                top[n] = l;
            }
        }
        for (int n = 0; n < size; n++) {
            for (int l = top[n]; l >= 0; l--) {
                g.addNode(l, n);
            }
        }
        for (int l = 0; l < levels; l++) {
            int count = l == 0 ? size : levelNodes[l].length;
            for (int i = 0; i < count; i++) {
                NeighborArray a = g.getNeighbors(l, l == 0 ? i : levelNodes[l][i]);
                for (int j = offsets[l][i]; j < offsets[l][i + 1]; j++) {
                    a.addOutOfOrder(neighbors[l][j], Float.NaN);
                }
            }
        }
        g.trySetNewEntryNode(entryNode, levels - 1);
        return b;
    }

    /** Heap bytes of the arrays. */
    long bytes() {
        long s = 0;
        for (int l = 0; l < offsets.length; l++) {
            s += 4L * offsets[l].length + 4L * neighbors[l].length + (levelNodes[l] == null ? 0 : 4L * levelNodes[l].length);
        }
        return s;
    }

    @Override
    public void seek(int level, int target) {
        int idx = level == 0 ? target : Arrays.binarySearch(levelNodes[level], target);
        if (idx < 0 || idx >= offsets[level].length - 1) {
            throw new IllegalStateException("node " + target + " is not on level " + level);
        }
        curNeighbors = neighbors[level];
        cur = offsets[level][idx];
        end = offsets[level][idx + 1];
        count = end - cur;
    }

    @Override
    public int nextNeighbor() {
        return cur < end ? curNeighbors[cur++] : NO_MORE_DOCS;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int maxNodeId() {
        return size - 1;
    }

    @Override
    public int numLevels() {
        return Math.max(1, levelNodes.length);
    }

    @Override
    public int maxConn() {
        return maxConn;
    }

    @Override
    public int entryNode() {
        return entryNode;
    }

    @Override
    public int neighborCount() {
        return count;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
        if (level == 0) {
            return new DenseNodesIterator(size);
        }
        return new ArrayNodesIterator(levelNodes[level], levelNodes[level].length);
    }
}
