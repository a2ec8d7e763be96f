package io.vexfs.bench.vector;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.util.VectorUtil;

/** Exact k-nearest neighbours under L2 by brute force, multi-threaded, cached in a file. */
final class GroundTruth {
    private GroundTruth() {
    }

    static int[][] load(Path cache, float[][] base, float[][] queries, int k, int threads) throws Exception {
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
                int q = in.readInt();
                int kk = in.readInt();
                int n = in.readInt();
                if (q == queries.length && kk == k && n == base.length) {
                    int[][] gt = new int[q][k];
                    for (int i = 0; i < q; i++) {
                        for (int j = 0; j < k; j++) {
                            gt[i][j] = in.readInt();
                        }
                    }
                    System.out.printf("ground truth: cached %s%n", cache);
                    return gt;
                }
            }
        }
        long t0 = System.nanoTime();
        int[][] gt = new int[queries.length][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tid = t;
                fs.add(pool.submit(() -> {
                    for (int q = tid; q < queries.length; q += threads) {
                        gt[q] = exact(base, queries[q], k);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("ground truth: %d queries x %d vectors in %.1f s (%d threads)%n", queries.length, base.length,
                (System.nanoTime() - t0) / 1e9, threads);
        Files.createDirectories(cache.getParent());
        Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
            out.writeInt(queries.length);
            out.writeInt(k);
            out.writeInt(base.length);
            for (int[] row : gt) {
                for (int v : row) {
                    out.writeInt(v);
                }
            }
        }
        Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return gt;
    }

    private static int[] exact(float[][] base, float[] q, int k) {
        int[] ids = new int[k];
        float[] ds = new float[k];
        java.util.Arrays.fill(ds, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(ids, -1);
        for (int i = 0; i < base.length; i++) {
            float d = VectorUtil.squareDistance(q, base[i]);
            if (d < ds[k - 1]) {
                int p = k - 1;
                while (p > 0 && ds[p - 1] > d) {
                    ds[p] = ds[p - 1];
                    ids[p] = ids[p - 1];
                    p--;
                }
                ds[p] = d;
                ids[p] = i;
            }
        }
        return ids;
    }
}
