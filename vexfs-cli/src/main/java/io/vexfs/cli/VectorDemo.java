package io.vexfs.cli;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VectorHit;
import io.vexfs.core.VectorQuery;
import io.vexfs.core.Volume;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The vector part of the demo: Fashion-MNIST images stored as PGM files, one directory per class,
 * each with its pixel vector attached; queries by example print the nearest paths and how many
 * share the query's class — first right after import, then after a reopen from the persisted index.
 */
final class VectorDemo {
    static final String SPACE = "pixels";
    private final Path image;
    private final PrintWriter out;
    private final int count;

    VectorDemo(Path image, PrintWriter out, int count) {
        this.image = image;
        this.out = out;
        this.count = count;
    }

    /** Returns whether the queries found mostly same-class neighbours (a sanity check on the search). */
    boolean run() throws VexfsException, IOException {
        FashionMnist train;
        FashionMnist test;
        if (FashionMnist.installed()) {
            train = FashionMnist.load(true, count);
            test = FashionMnist.load(false, 5);
            out.println("   Fashion-MNIST: " + train.images().length + " training images from " + FashionMnist.DIR);
        } else {
            out.println("   Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist);"
                    + " using a generated corpus of the same shape");
            train = FashionMnist.generated(count, 1);
            test = FashionMnist.generated(5, 2);
        }
        long t0 = System.nanoTime();
        try (Volume v = VolumeCommand.open(image, false)) {
            v.createVectorSpace(new VectorSpec(SPACE, FashionMnist.PIXELS, VectorMetric.L2));
            v.mkdir("/fashion", 0755);
            for (String c : FashionMnist.CLASSES) {
                v.mkdir("/fashion/" + c, 0755);
            }
            for (int i = 0; i < train.images().length; i++) {
                String path = "/fashion/" + FashionMnist.CLASSES[train.labels()[i]] + "/" + i + ".pgm";
                try (FileHandle h = v.open(path, OpenMode.createTruncate())) {
                    h.write(ByteBuffer.wrap(FashionMnist.pgm(train.images()[i])), 0);
                }
                v.setVector(path, SPACE, FashionMnist.vector(train.images()[i]));
            }
            out.printf(Locale.ROOT, "   imported %d images with 784-d vectors in %.1f s%n", train.images().length,
                    (System.nanoTime() - t0) / 1e9);
            queries(v, test, "searching right after import (read-your-writes)");
            long tc = System.nanoTime();
            v.close();
            out.printf(Locale.ROOT, "   closed in %.1f s (HNSW graph completed and persisted in the volume)%n",
                    (System.nanoTime() - tc) / 1e9);
        }
        long t1 = System.nanoTime();
        try (Volume v = VolumeCommand.open(image, true)) {
            int good = queries(v, test, "after reopen");
            out.printf(Locale.ROOT, "   reopen + first queries: %.2f s%n", (System.nanoTime() - t1) / 1e9);
            return good * 2 >= 5 * 10;
        }
    }

    private int queries(Volume v, FashionMnist test, String when) throws VexfsException {
        out.println("   " + when + ":");
        int sameTotal = 0;
        for (int q = 0; q < test.images().length; q++) {
            String cls = FashionMnist.CLASSES[test.labels()[q]];
            List<VectorHit> hits = v.search("/", SPACE, FashionMnist.vector(test.images()[q]), 10,
                    VectorQuery.defaults());
            int same = 0;
            for (VectorHit h : hits) {
                if (h.path().startsWith("/fashion/" + cls + "/")) {
                    same++;
                }
            }
            sameTotal += same;
            // L2 scores are 1 / (1 + squared distance): show the pixel-space distance instead
            double distance = hits.isEmpty() ? Double.NaN : Math.sqrt(1.0 / hits.getFirst().score() - 1.0);
            out.printf(Locale.ROOT, "     query %d (a %s): %d of 10 nearest are %s; best %s (distance %.0f)%n", q, cls,
                    same, cls, hits.isEmpty() ? "-" : hits.getFirst().path(), distance);
        }
        return sameTotal;
    }
}
