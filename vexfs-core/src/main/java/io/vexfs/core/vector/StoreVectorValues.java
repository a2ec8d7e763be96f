package io.vexfs.core.vector;

import org.apache.lucene.index.FloatVectorValues;

/** Lucene's view of the first {@code size} ordinals of an {@link OffHeapVectorStore}. */
final class StoreVectorValues extends FloatVectorValues {
    private final OffHeapVectorStore store;
    private final int size;
    private final float[] buffer;

    StoreVectorValues(OffHeapVectorStore store, int size) {
        this.store = store;
        this.size = size;
        this.buffer = new float[store.dimension()];
    }

    @Override
    public float[] vectorValue(int ord) {
        if (ord < 0 || ord >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ord + " outside [0, " + size + ")");
        }
        return store.copy(ord, buffer);
    }

    @Override
    public FloatVectorValues copy() {
        return new StoreVectorValues(store, size);
    }

    @Override
    public int dimension() {
        return store.dimension();
    }

    @Override
    public int size() {
        return size;
    }
}
