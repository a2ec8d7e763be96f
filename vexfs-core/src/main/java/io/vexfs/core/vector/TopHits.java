package io.vexfs.core.vector;

/** A bounded min-heap keeping the {@code k} best (ordinal, score) pairs; ties prefer lower ordinals. */
final class TopHits {
    private final int k;
    private final int[] ords;
    private final float[] scores;
    private int size;

    TopHits(int k) {
        this.k = k;
        this.ords = new int[k];
        this.scores = new float[k];
    }

    int size() {
        return size;
    }

    /** Worst kept score once full, else negative infinity. */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(int ord, float score) {
        if (size < k) {
            ords[size] = ord;
            scores[size] = score;
            up(size++);
        } else if (better(score, ord, scores[0], ords[0])) {
            ords[0] = ord;
            scores[0] = score;
            down(0);
        }
    }

    private static boolean better(float s1, int o1, float s2, int o2) {
        return s1 > s2 || (s1 == s2 && o1 < o2);
    }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (better(scores[p], ords[p], scores[i], ords[i])) {
                swap(i, p);
                i = p;
            } else {
                return;
            }
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int w = l;
            int r = l + 1;
            if (r < size && better(scores[l], ords[l], scores[r], ords[r])) {
                w = r;
            }
            if (better(scores[i], ords[i], scores[w], ords[w])) {
                swap(i, w);
                i = w;
            } else {
                return;
            }
        }
    }

    private void swap(int a, int b) {
        int to = ords[a];
        ords[a] = ords[b];
        ords[b] = to;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }

    /** Drains into arrays sorted best first: {@code outOrds[i]}, {@code outScores[i]}; returns the count. */
    int drainBestFirst(int[] outOrds, float[] outScores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outOrds[i] = ords[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                ords[0] = ords[size];
                scores[0] = scores[size];
                down(0);
            }
        }
        return n;
    }
}
