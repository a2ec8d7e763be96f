package io.vexfs.core.model;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long random mixes of operations applied to a volume and to {@link FsModel}; every result must
 * match (success or the same errno), and after every reopen the trees must be equal and fsck clean.
 * Seed: {@code -Dvexfs.model.seed=N}; operations: {@code -Dvexfs.model.ops=N}.
 */
class RandomizedModelTest {
    @TempDir
    Path tmp;

    private static final String[] NAMES = {"a", "b", "c", "dir", "ünï-ćødé", "x".repeat(255)};

    @Test
    void randomWorkloadsMatchTheModel() throws Exception {
        long base = Long.getLong("vexfs.model.seed", System.nanoTime());
        int ops = Integer.getInteger("vexfs.model.ops", 4000);
        int runs = Integer.getInteger("vexfs.model.runs", 3);
        for (int r = 0; r < runs; r++) {
            long seed = base + r;
            try {
                run(seed, ops);
            } catch (Throwable t) {
                throw new AssertionError("randomized model test failed; reproduce with -Dvexfs.model.seed=" + seed
                        + " -Dvexfs.model.runs=1 -Dvexfs.model.ops=" + ops + ": " + t, t);
            }
        }
    }

    private String randomPath(Random rnd) {
        int depth = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(NAMES[rnd.nextInt(NAMES.length - (i < depth - 1 ? 2 : 0))]);
        }
        return sb.toString();
    }

    private void run(long seed, int ops) throws Exception {
        Random rnd = new Random(seed);
        Path img = tmp.resolve("model-" + seed + ".vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(128L << 20));
        FsModel model = new FsModel();
        Volume[] current = {Volume.open(img, VolumeOptions.defaults().withDirtyLimit(1 << 20))};
        try {
            for (int i = 0; i < ops; i++) {
                final Volume v = current[0];
                int op = rnd.nextInt(100);
                String p = randomPath(rnd);
                String q = randomPath(rnd);
                VexfsError expected;
                VexfsError actual;
                String what;
                if (op < 15) {
                    what = "create " + p;
                    expected = model.createFile(p);
                    actual = call(() -> v.open(p, new OpenMode(false, true, false, true, false, true, false, 0644,
                            false)).close());
                } else if (op < 35) {
                    long pos = rnd.nextInt(4) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(9000);
                    byte[] data = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(40_000) : rnd.nextInt(5000)];
                    rnd.nextBytes(data);
                    what = "write " + p + " @" + pos + " +" + data.length;
                    expected = model.write(p, pos, data);
                    actual = call(() -> {
                        try (FileHandle h = v.open(p, new OpenMode(false, true, false, false, false, false, false,
                                0644, false))) {
                            h.write(ByteBuffer.wrap(data), pos);
                        }
                    });
                } else if (op < 42) {
                    int size = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(60_000);
                    what = "truncate " + p + " " + size;
                    expected = model.truncate(p, size);
                    actual = call(() -> {
                        try (FileHandle h = v.open(p, new OpenMode(false, true, false, false, false, false, false,
                                0644, false))) {
                            h.truncate(size);
                        }
                    });
                } else if (op < 52) {
                    what = "mkdir " + p;
                    expected = model.mkdir(p);
                    actual = call(() -> v.mkdir(p, 0755));
                } else if (op < 58) {
                    what = "rmdir " + p;
                    expected = model.rmdir(p);
                    actual = call(() -> v.rmdir(p));
                } else if (op < 66) {
                    what = "unlink " + p;
                    expected = model.unlink(p);
                    actual = call(() -> v.unlink(p));
                } else if (op < 76) {
                    what = "rename " + p + " " + q;
                    expected = model.rename(p, q);
                    actual = call(() -> v.rename(p, q, false));
                } else if (op < 82) {
                    what = "link " + p + " " + q;
                    expected = model.link(p, q);
                    actual = call(() -> v.link(p, q));
                } else if (op < 86) {
                    String target = "/nowhere/" + rnd.nextInt(1000) + "x".repeat(rnd.nextInt(2) * 150);
                    what = "symlink " + p + " -> " + target;
                    expected = model.symlink(p, target);
                    actual = call(() -> v.symlink(p, target));
                } else if (op < 92) {
                    String name = "user.k" + rnd.nextInt(4);
                    byte[] val = new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(1500) : rnd.nextInt(12)];
                    rnd.nextBytes(val);
                    what = "setxattr " + p + " " + name;
                    expected = model.setXattr(p, name, val);
                    actual = call(() -> v.setXattr(p, false, name, val));
                } else if (op < 95) {
                    String name = "user.k" + rnd.nextInt(4);
                    what = "removexattr " + p + " " + name;
                    expected = model.removeXattr(p, name);
                    actual = call(() -> v.removeXattr(p, false, name));
                } else if (op < 98) {
                    what = "sync";
                    expected = null;
                    actual = call(v::sync);
                } else {
                    what = "reopen";
                    v.close();
                    assertClean(img, seed, i);
                    Volume reopened = Volume.open(img, VolumeOptions.defaults().withDirtyLimit(1 << 20));
                    assertThat(listing(reopened)).as("tree after reopen at op " + i).isEqualTo(model.listing());
                    reopened.close();
                    current[0] = reopenAndContinue(img);
                    continue;
                }
                if (Boolean.getBoolean("vexfs.model.trace")) {
                    System.out.println("op " + i + ": " + what + " -> " + actual);
                }
                assertThat(actual).as("op %d: %s", i, what).isEqualTo(expected);
            }
            assertThat(listing(current[0])).isEqualTo(model.listing());
        } finally {
            current[0].close();
        }
        assertClean(img, seed, ops);
        try (Volume again = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(listing(again)).isEqualTo(model.listing());
        }
    }

    private static Volume reopenAndContinue(Path img) throws VexfsException {
        return Volume.open(img, VolumeOptions.defaults().withDirtyLimit(1 << 20));
    }

    interface Op {
        void run() throws VexfsException;
    }

    private static VexfsError call(Op op) {
        try {
            op.run();
            return null;
        } catch (VexfsException e) {
            return e.error();
        }
    }

    private static void assertClean(Path img, long seed, int op) {
        FsckReport r = Fsck.check(img, false);
        assertThat(r.problems()).as("fsck after op %d (seed %d)", op, seed).isEmpty();
    }

    static Map<String, String> listing(Volume v) throws VexfsException {
        Map<String, String> out = new TreeMap<>();
        walk(v, "", out);
        return out;
    }

    private static void walk(Volume v, String dir, Map<String, String> out) throws VexfsException {
        DirCursor c = null;
        while (true) {
            List<DirEntry> page = v.readdir(dir.isEmpty() ? "/" : dir, c, 64);
            if (page.isEmpty()) {
                return;
            }
            for (DirEntry e : page) {
                String p = dir + "/" + e.name();
                switch (e.type()) {
                    case DIRECTORY -> {
                        out.put(p, "dir");
                        walk(v, p, out);
                    }
                    case SYMLINK -> out.put(p, "link:" + v.readlink(p));
                    case REGULAR -> {
                        FileStat st = v.stat(p, false);
                        byte[] data = new byte[(int) st.size()];
                        try (FileHandle h = v.open(p, OpenMode.readOnly())) {
                            ByteBuffer bb = ByteBuffer.wrap(data);
                            while (bb.hasRemaining() && h.read(bb, bb.position()) > 0) {
                                // read all
                            }
                        }
                        Map<String, byte[]> x = new TreeMap<>();
                        for (String n : v.listXattrs(p, false)) {
                            x.put(n, v.getXattr(p, false, n).orElseThrow());
                        }
                        out.put(p, FsModel.describe(data, x));
                    }
                }
            }
            c = page.getLast().cursor();
        }
    }
}
