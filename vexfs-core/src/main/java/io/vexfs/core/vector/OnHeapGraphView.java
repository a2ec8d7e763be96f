package io.vexfs.core.vector;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A per-search cursor over a shared {@link OnHeapHnswGraph}: the graph keeps its seek position in
 * the object, so concurrent searches each traverse through their own view. Callers hold the
 * generation's graph read lock while they use it.
 */
final class OnHeapGraphView extends HnswGraph {
    private final OnHeapHnswGraph graph;
    private int[] nodes;
    private int count;
    private int upto;

    OnHeapGraphView(OnHeapHnswGraph graph) {
        this.graph = graph;
    }

    @Override
    public void seek(int level, int target) {
        NeighborArray n = graph.getNeighbors(level, target);
        nodes = n.nodes();
        count = n.size();
        upto = -1;
    }

    @Override
    public int nextNeighbor() {
        return ++upto < count ? nodes[upto] : NO_MORE_DOCS;
    }

    @Override
    public int size() {
        return graph.size();
    }

    @Override
    public int maxNodeId() {
        return graph.maxNodeId();
    }

    @Override
    public int numLevels() {
        return graph.numLevels();
    }

    @Override
    public int maxConn() {
        return graph.maxConn();
    }

    @Override
    public int entryNode() {
        return graph.entryNode();
    }

    @Override
    public int neighborCount() {
        return count;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) throws IOException {
        return graph.getNodesOnLevel(level);
    }
}
