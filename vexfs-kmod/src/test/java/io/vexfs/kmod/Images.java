package io.vexfs.kmod;

import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.core.VectorHit;
import io.vexfs.core.VectorQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Varied images made with the Java engine, for vexfs-inspect, the fuzz seeds and the VM test. */
final class Images {
    private Images() {
    }

    /** A made image, the listing the engine gives for it, and k-NN queries with the engine's exact answers. */
    record Made(Path image, String expected, List<Knn> knn) {
        Made(Path image, String expected) {
            this(image, expected, List.of());
        }
    }

    /** One exact k-NN query over a space and the engine's answer (scope "/"). */
    record Knn(String space, int k, float[] query, List<VectorHit> hits) {
        /** Query components as printed for the C tools (shortest round-tripping decimal). */
        String args() {
            StringBuilder sb = new StringBuilder();
            for (float f : query) {
                sb.append(sb.isEmpty() ? "" : " ").append(Float.toString(f));
            }
            return sb.toString();
        }
    }

    static float[] randomVector(Random r, int dim, boolean unit) {
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = r.nextFloat() + 0.05f;
            n += (double) v[i] * v[i];
        }
        if (unit) {
            for (int i = 0; i < dim; i++) {
                v[i] = (float) (v[i] / Math.sqrt(n));
            }
        }
        return v;
    }

    /**
     * Files with vectors in an L2, a cosine, a dot-product and a 1000-dimension space (overflow xattr
     * blocks next to user xattrs, a hard link, removed vectors, a deleted vectored file), plus the engine's
     * exact answers to a few queries of each space.
     */
    static Made vectors(Path dir, long size, boolean small) throws Exception {
        Random r = new Random(1234);
        List<Knn> queries = new ArrayList<>();
        Made m = build(dir, "vectors", size, v -> {
            v.createVectorSpace(new VectorSpec("emb", 16, VectorMetric.L2));
            v.createVectorSpace(new VectorSpec("cos", 7, VectorMetric.COSINE));
            v.createVectorSpace(new VectorSpec("dot", 5, VectorMetric.DOT_PRODUCT));
            v.createVectorSpace(new VectorSpec("wide", 1000, VectorMetric.L2));
            v.createVectorSpace(new VectorSpec("unused", 3, VectorMetric.L2));
            v.mkdir("/vec", 0755);
            v.mkdir("/vec/a", 0755);
            v.mkdir("/vec/b", 0755);
            int n = size < 4L << 20 ? 24 : small ? 60 : 400; // compact fuzz seeds: fewer files, faster runs
            for (int i = 0; i < n; i++) {
                String p = (i % 2 == 0 ? "/vec/a/" : "/vec/b/") + "f" + i;
                write(v, p, ("vector file " + i).getBytes(StandardCharsets.UTF_8), 0);
                v.setVector(p, "emb", randomVector(r, 16, false));
                if (i % 3 == 0) {
                    v.setVector(p, "cos", randomVector(r, 7, false));
                }
                if (i % 4 == 0) {
                    v.setVector(p, "dot", randomVector(r, 5, true));
                }
                if (i % 10 == 0) {
                    v.setXattr(p, false, "user.note", ("n" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int i = 0; i < 3; i++) {
                write(v, "/wide" + i, new byte[] {(byte) i}, 0);
                v.setVector("/wide" + i, "wide", randomVector(r, 1000, false));
            }
            // a hard link: kernel tools name the link with the smallest last component, as the engine does
            v.link("/vec/a/f0", "/vec/b/a-link");
            v.setVector("/vec/a/f2", "emb", randomVector(r, 16, false)); // replaced
            v.removeVector("/vec/b/f5", "emb");
            v.unlink("/vec/b/f7"); // its inode and vectors are gone
            v.setXattr("/vec", false, "user.dir", "d".getBytes(StandardCharsets.UTF_8));
            write(v, "/plain.txt", "no vector".getBytes(StandardCharsets.UTF_8), 0);
            v.symlink("/vec/link-to-f1", "b/f1");

            Object[][] qs = {{"emb", 10, 16, false}, {"emb", 1, 16, false}, {"emb", 1024, 16, false},
                {"cos", 7, 7, false}, {"dot", 5, 5, true}, {"wide", 3, 1000, false}};
            for (Object[] q : qs) {
                float[] query = randomVector(r, (int) q[2], (boolean) q[3]);
                List<VectorHit> hits = v.search("/", (String) q[0], query, (int) q[1], VectorQuery.exactSearch());
                queries.add(new Knn((String) q[0], (int) q[1], query, hits));
            }
        });
        return new Made(m.image(), m.expected(), queries);
    }

    static void write(Volume v, String path, byte[] data, long at) throws Exception {
        try (FileHandle h = v.open(path, OpenMode.readWriteCreate())) {
            ByteBuffer b = ByteBuffer.wrap(data);
            long pos = at;
            while (b.hasRemaining()) {
                pos += h.write(b, pos);
            }
        }
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Builds the named images in dir; sparseBytes is the size of the big sparse file. */
    static Map<String, Made> make(Path dir, long sparseBytes, boolean small) throws Exception {
        return make(dir, sparseBytes, small, small ? 8L << 20 : 32L << 20);
    }

    /** As above with an explicit volume size; below 4 MiB (compact fuzz seeds) the "many" image is left out. */
    static Map<String, Made> make(Path dir, long sparseBytes, boolean small, long size) throws Exception {
        Map<String, Made> out = new LinkedHashMap<>();
        Random r = new Random(42);

        out.put("empty", build(dir, "empty", size, v -> { }));

        if (size >= 4L << 20) out.put("many", build(dir, "many", size, v -> {
            v.mkdir("/d", 0755);
            int n = small ? 300 : 2000;
            for (int i = 0; i < n; i++) {
                write(v, "/d/file-" + i + ".txt", ("content " + i).getBytes(StandardCharsets.UTF_8), 0);
            }
            write(v, "/big.bin", random(r, 700_000 + 123), 0);
        }));

        out.put("sparse", build(dir, "sparse", size, v -> {
            write(v, "/sparse", random(r, 5000), 0);
            write(v, "/sparse", random(r, 9000), sparseBytes / 2 + 77);
            write(v, "/sparse", "tail".getBytes(StandardCharsets.UTF_8), sparseBytes - 4);
            write(v, "/holes", new byte[0], 0);
            for (int i = 0; i < 40; i++) { // many extents: deeper extent tree
                write(v, "/holes", random(r, 100), i * 3L * 4096);
            }
        }));

        out.put("deep", build(dir, "deep", size, v -> {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                p.append("/level").append(i);
                v.mkdir(p.toString(), 0700 + (i % 64));
            }
            write(v, p + "/leaf.txt", "bottom".getBytes(StandardCharsets.UTF_8), 0);
            v.chown(p + "/leaf.txt", false, 1234, 5678);
        }));

        out.put("names", build(dir, "names", size, v -> {
            String ascii = "a".repeat(255);
            String utf = "\u00e9".repeat(127) + "x";          // 255 bytes
            String cjk = "\u6f22".repeat(85);                 // 255 bytes
            String odd = "sp ace,eq=pct%tab\tnl\n";
            for (String n : new String[] {ascii, utf, cjk, odd}) {
                write(v, "/" + n, n.getBytes(StandardCharsets.UTF_8), 0);
            }
            v.mkdir("/" + cjk.substring(0, 40), 0755);
            write(v, "/" + cjk.substring(0, 40) + "/" + utf, new byte[] {1, 2, 3}, 0);
        }));

        out.put("links", build(dir, "links", size, v -> {
            write(v, "/target.txt", "hello".getBytes(StandardCharsets.UTF_8), 0);
            v.symlink("/short", "target.txt");
            v.symlink("/inline96", "t".repeat(96));
            v.symlink("/long97", "u".repeat(97));
            v.symlink("/verylong", ("dir/").repeat(1000) + "x".repeat(95));
            v.mkdir("/sub", 0755);
            v.link("/target.txt", "/sub/hard1");
            v.link("/target.txt", "/hard2");
        }));

        out.put("xattrs", build(dir, "xattrs", size, v -> {
            write(v, "/inline", "a".getBytes(StandardCharsets.UTF_8), 0);
            v.setXattr("/inline", false, "user.a", "1".getBytes(StandardCharsets.UTF_8));
            v.setXattr("/inline", false, "user.b", new byte[0]);
            write(v, "/overflow", "b".getBytes(StandardCharsets.UTF_8), 0);
            v.setXattr("/overflow", false, "user.big", random(r, 3000));
            v.setXattr("/overflow", false, "user.small", "x".getBytes(StandardCharsets.UTF_8));
            v.mkdir("/dir", 0755);
            v.setXattr("/dir", false, "user.on-dir", "dirvalue".getBytes(StandardCharsets.UTF_8));
        }));

        out.put("dirty", dirty(dir, size, r));
        out.put("dirty-data", dirtyData(dir, size, r));
        out.put("vectors", vectors(dir, size, small));
        return out;
    }

    interface Filler {
        void fill(Volume v) throws Exception;
    }

    static Made build(Path dir, String name, long size, Filler f) throws Exception {
        Path img = dir.resolve(name + ".vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(size).withLabel(name).withOverwrite(true));
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            f.fill(v);
        }
        try (Volume v = Volume.open(img, VolumeOptions.defaults().withReadOnly(true))) {
            return new Made(img, Listing.of(v));
        }
    }

    /** Content of /data/fN in dirtyData: old (checkpointed home) or new (journaled only). */
    static byte[] dirtyDataContent(int i, boolean fresh) {
        int[] sizes = {1, 100, 4095, 4096, 4097, 6000, 8192 + 300};
        byte[] b = random(new Random(1000L * i + (fresh ? 1 : 0)), sizes[i]);
        b[0] = (byte) (fresh ? 'N' : 'O');
        return b;
    }

    static final int DIRTY_DATA_FILES = 7;

    /**
     * A crash image whose committed file data exists only as journal images: files written and closed
     * cleanly (their old contents are home), then overwritten in place with new contents of the same
     * sizes, a new file created and /data/f6 appended to, sync() (small transactions journal their data
     * blocks and checkpoints are deferred), and a copy of the file taken while the volume is still open.
     * The copy is checked to hold the new bytes only inside the journal (and the old ones at home), so a
     * reader that ignores the journal for file data shows the old contents (checked from 4 MiB up). The
     * listing is the engine's after replay.
     */
    static Made dirtyData(Path dir, long size, Random r) throws Exception {
        Path live = dir.resolve("dirty-data-live.vexfs");
        Path img = dir.resolve("dirty-data.vexfs");
        Path javaCopy = dir.resolve("dirty-data-java.vexfs");
        Volume.mkfs(live, MkfsOptions.ofSize(size).withLabel("dirty-data").withOverwrite(true));
        try (Volume v = Volume.open(live, VolumeOptions.defaults())) {
            v.mkdir("/data", 0755);
            for (int i = 0; i < DIRTY_DATA_FILES; i++) {
                write(v, "/data/f" + i, dirtyDataContent(i, false), 0);
            }
        }
        byte[] tail = "appended after the checkpoint".getBytes(StandardCharsets.UTF_8);
        byte[] added = random(r, 5000);
        added[0] = 'A';
        Volume v = Volume.open(live, VolumeOptions.defaults());
        try {
            for (int i = 0; i < DIRTY_DATA_FILES; i++) {
                write(v, "/data/f" + i, dirtyDataContent(i, true), 0);
            }
            write(v, "/data/f6", tail, dirtyDataContent(6, true).length);
            write(v, "/data/added", added, 0);
            v.sync();
            Files.copy(live, img, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            v.close();
        }
        byte[] raw = Files.readAllBytes(img);
        // compact fuzz seeds (below 4 MiB) have a journal so short that the engine checkpoints at half
        // full during these commits: there the image is only a seed, not a proof
        for (int i = 0; i < DIRTY_DATA_FILES && size >= 4L << 20; i++) {
            checkJournalOnly(raw, "/data/f" + i, Arrays.copyOf(dirtyDataContent(i, true), 4096), true);
            checkJournalOnly(raw, "/data/f" + i, Arrays.copyOf(dirtyDataContent(i, false), 4096), false);
        }
        if (size >= 4L << 20) {
            checkJournalOnly(raw, "/data/added", Arrays.copyOf(added, 4096), true);
        }

        Files.copy(img, javaCopy, StandardCopyOption.REPLACE_EXISTING);
        try (Volume jv = Volume.open(javaCopy, VolumeOptions.defaults())) {
            for (int i = 0; i < DIRTY_DATA_FILES; i++) {
                byte[] want = dirtyDataContent(i, true);
                if (i == 6) {
                    want = concat(want, tail);
                }
                if (!Arrays.equals(readAll(jv, "/data/f" + i), want)) {
                    throw new IllegalStateException("engine replay of /data/f" + i + " lost the committed contents");
                }
            }
            if (!Arrays.equals(readAll(jv, "/data/added"), added)) {
                throw new IllegalStateException("engine replay of /data/added lost the committed contents");
            }
            return new Made(img, Listing.of(jv));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] readAll(Volume v, String path) throws Exception {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining()) {
                if (h.read(b, b.position()) <= 0) {
                    throw new IllegalStateException(path + ": short read");
                }
            }
            return b.array();
        }
    }

    /**
     * Requires a file's first block (its first 4096 bytes, zero-padded as the block holds them) to be in
     * the raw image only inside the journal region (newInJournal), or outside it (old contents still home).
     */
    private static void checkJournalOnly(byte[] raw, String what, byte[] block, boolean newInJournal) {
        int bs = 4096;
        long jstart = Corruptions.u64(raw, 200 + 8);
        long jend = jstart + Corruptions.u64(raw, 200 + 16);
        int inJournal = 0;
        int home = 0;
        for (long b = 1; b < raw.length / bs - 1; b++) {
            int off = (int) (b * bs);
            if (Arrays.equals(raw, off, off + block.length, block, 0, block.length)) {
                if (b >= jstart && b < jend) {
                    inJournal++;
                } else {
                    home++;
                }
            }
        }
        if (newInJournal && (inJournal == 0 || home != 0)) {
            throw new IllegalStateException("crash image: new contents of " + what + " must be in the journal only ("
                    + inJournal + " journal, " + home + " home copies): checkpoints are no longer deferred?");
        }
        if (!newInJournal && home == 0) {
            throw new IllegalStateException("crash image: old contents of " + what + " are no longer home");
        }
    }

    /**
     * An image whose journal holds committed transactions that are not yet checkpointed: a copy of the
     * file taken after sync() while the volume is still open (what a crash leaves behind).
     */
    static Made dirty(Path dir, long size, Random r) throws Exception {
        Path live = dir.resolve("dirty-live.vexfs");
        Path img = dir.resolve("dirty.vexfs");
        Path javaCopy = dir.resolve("dirty-java.vexfs");
        Volume.mkfs(live, MkfsOptions.ofSize(size).withLabel("dirty").withOverwrite(true));
        Volume v = Volume.open(live, VolumeOptions.defaults());
        try {
            v.mkdir("/j", 0755);
            for (int i = 0; i < 30; i++) {
                write(v, "/j/f" + i, random(r, 100 + i * 50), 0);
            }
            v.setXattr("/j", false, "user.k", "v".getBytes(StandardCharsets.UTF_8));
            v.sync();
            Files.copy(live, img, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            v.close();
        }
        Files.copy(img, javaCopy, StandardCopyOption.REPLACE_EXISTING);
        try (Volume jv = Volume.open(javaCopy, VolumeOptions.defaults())) {
            return new Made(img, Listing.of(jv));
        }
    }
}
