package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.TimesUpdate;
import io.vexfs.core.Volume;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckReport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Basic-operations check of the engine on a fresh volume: each check runs in order against the same image
 * and reports pass or fail with the reason; a failed check does not stop the ones after it.
 */
final class SelfTest {
    /** One named check. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Outcome of one check. */
    record Outcome(String name, boolean passed, String failure, long micros) {
    }

    private final Path image;
    private final byte[] big = new byte[5 * 1024 * 1024 + 123];
    private Volume volume;

    SelfTest(Path image) {
        this.image = image;
        new Random(42).nextBytes(big);
    }

    List<Outcome> run(java.util.function.Consumer<Outcome> onEach) {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Check c : checks()) {
                long t0 = System.nanoTime();
                String failure = null;
                try {
                    c.body().run();
                } catch (AssertionError e) {
                    failure = e.getMessage();
                } catch (VexfsException e) {
                    failure = e.getMessage();
                } catch (Exception e) {
                    failure = e.toString();
                }
                Outcome o = new Outcome(c.name(), failure == null, failure, (System.nanoTime() - t0) / 1000);
                outcomes.add(o);
                onEach.accept(o);
            }
        } finally {
            closeQuietly(outcomes, onEach);
        }
        return outcomes;
    }

    private void closeQuietly(List<Outcome> outcomes, java.util.function.Consumer<Outcome> onEach) {
        if (volume != null) {
            try {
                volume.close();
            } catch (VexfsException e) {
                Outcome o = new Outcome("final close", false, e.getMessage(), 0);
                outcomes.add(o);
                onEach.accept(o);
            }
        }
    }

    private record Check(String name, Body body) {
    }

    private List<Check> checks() {
        return List.of(
            new Check("mkfs 64 MiB volume", () -> Volume.mkfs(image, MkfsOptions.ofSize(64L << 20).withLabel("selftest"))),
            new Check("open read-write", () -> {
                volume = VolumeCommand.open(image, false);
                check(volume.label().equals("selftest"), "label is '" + volume.label() + "'");
            }),
            new Check("mkdir and nested mkdir", () -> {
                volume.mkdir("/dir", 0755);
                volume.mkdir("/dir/sub", 0700);
                check(volume.stat("/dir/sub", false).permissions() == 0700, "permissions not kept");
                check(volume.stat("/dir", false).nlink() == 3, "parent link count not 3");
            }),
            new Check("write and read a small file", () -> {
                write("/dir/hello.txt", "hello, vexfs\n".getBytes(StandardCharsets.UTF_8));
                check(Arrays.equals(read("/dir/hello.txt"), "hello, vexfs\n".getBytes(StandardCharsets.UTF_8)),
                        "content differs");
            }),
            new Check("write and read a 5 MiB file", () -> {
                write("/dir/sub/big.bin", big);
                check(Arrays.equals(read("/dir/sub/big.bin"), big), "content differs");
            }),
            new Check("overwrite in the middle, extend, truncate", () -> {
                try (FileHandle h = volume.open("/dir/sub/big.bin", OpenMode.readWriteCreate())) {
                    h.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 4096 * 7 + 5);
                    h.truncate(4096 * 9);
                    h.truncate(4096 * 10);
                    check(h.size() == 4096 * 10, "size " + h.size());
                }
                byte[] expect = Arrays.copyOf(big, 4096 * 10);
                expect[4096 * 7 + 5] = 1;
                expect[4096 * 7 + 6] = 2;
                expect[4096 * 7 + 7] = 3;
                Arrays.fill(expect, 4096 * 9, 4096 * 10, (byte) 0);
                check(Arrays.equals(read("/dir/sub/big.bin"), expect), "content differs");
            }),
            new Check("sparse file reads zeros in holes", () -> {
                try (FileHandle h = volume.open("/sparse", OpenMode.readWriteCreate())) {
                    h.write(ByteBuffer.wrap(new byte[] {9}), 100L << 20);
                }
                byte[] head = new byte[8192];
                try (FileHandle h = volume.open("/sparse", OpenMode.readOnly())) {
                    h.read(ByteBuffer.wrap(head), 50L << 20);
                    check(h.size() == (100L << 20) + 1, "size " + h.size());
                }
                check(Arrays.equals(head, new byte[8192]), "hole is not zero");
                check(volume.stat("/sparse", false).blocks() < 4, "hole allocated blocks");
            }),
            new Check("symlink and readlink", () -> {
                volume.symlink("/dir/link", "hello.txt");
                check(volume.readlink("/dir/link").equals("hello.txt"), "target differs");
                check(volume.stat("/dir/link", true).isRegularFile(), "link does not resolve");
            }),
            new Check("hard link shares the inode", () -> {
                volume.link("/dir/hello.txt", "/hard");
                check(volume.stat("/hard", false).inode() == volume.stat("/dir/hello.txt", false).inode(),
                        "inodes differ");
                check(volume.stat("/hard", false).nlink() == 2, "nlink not 2");
            }),
            new Check("xattrs set, get, list, remove", () -> {
                volume.setXattr("/dir/hello.txt", false, "user.small", "v".getBytes(StandardCharsets.UTF_8));
                byte[] large = new byte[3000];
                Arrays.fill(large, (byte) 'x');
                volume.setXattr("/dir/hello.txt", false, "user.large", large);
                check(Arrays.equals(volume.getXattr("/dir/hello.txt", false, "user.large").orElseThrow(), large),
                        "large value differs");
                check(new HashSet<>(volume.listXattrs("/dir/hello.txt", false))
                        .equals(Set.of("user.small", "user.large")), "list differs");
                volume.removeXattr("/dir/hello.txt", false, "user.small");
                check(volume.getXattr("/dir/hello.txt", false, "user.small").isEmpty(), "not removed");
            }),
            new Check("chmod, chown, set times", () -> {
                volume.chmod("/dir/hello.txt", false, 0600);
                volume.chown("/dir/hello.txt", false, 1000, 1000);
                volume.setTimes("/dir/hello.txt", false, new TimesUpdate(1_000_000_123L, null, null));
                var st = volume.stat("/dir/hello.txt", false);
                check(st.permissions() == 0600 && st.uid() == 1000 && st.gid() == 1000, "attributes differ");
                check(st.mtimeNanos() == 1_000_000_123L, "mtime " + st.mtimeNanos());
            }),
            new Check("2000 entries, paged readdir sees each once", () -> {
                volume.mkdir("/many", 0755);
                for (int i = 0; i < 2000; i++) {
                    write("/many/f" + i, new byte[0]);
                }
                Set<String> seen = new HashSet<>();
                DirCursor cursor = null;
                while (true) {
                    List<DirEntry> page = volume.readdir("/many", cursor, 97);
                    for (DirEntry e : page) {
                        check(seen.add(e.name()), "listed twice: " + e.name());
                    }
                    if (page.size() < 97) {
                        break;
                    }
                    cursor = page.getLast().cursor();
                }
                check(seen.size() == 2000, "listed " + seen.size());
            }),
            new Check("rename file, rename directory", () -> {
                volume.rename("/dir/hello.txt", "/dir/renamed.txt", false);
                volume.rename("/dir/sub", "/moved", false);
                check(volume.tryStat("/dir/hello.txt", false).isEmpty(), "old name still there");
                check(volume.stat("/moved/big.bin", false).size() == 4096 * 10, "moved content missing");
            }),
            new Check("errors: ENOENT, EEXIST, ENOTEMPTY, ENOTDIR, EINVAL", () -> {
                expect(VexfsError.ENOENT, () -> volume.stat("/missing", false));
                expect(VexfsError.EEXIST, () -> volume.mkdir("/dir", 0755));
                expect(VexfsError.ENOTEMPTY, () -> volume.rmdir("/dir"));
                expect(VexfsError.ENOTDIR, () -> volume.mkdir("/hard/x", 0755));
                expect(VexfsError.EINVAL, () -> volume.rename("/dir", "/dir/inside", false));
            }),
            new Check("vectors: space, set, search by path, exact and approximate agree, delete", () -> {
                volume.createVectorSpace(new io.vexfs.api.VectorSpec("selftest", 3, io.vexfs.api.VectorMetric.L2));
                volume.mkdir("/vec", 0755);
                float[][] vs = {{0, 0, 0}, {1, 0, 0}, {0, 5, 0}, {9, 9, 9}};
                for (int i = 0; i < vs.length; i++) {
                    write("/vec/v" + i, new byte[] {(byte) i});
                    volume.setVector("/vec/v" + i, "selftest", vs[i]);
                }
                float[] q = {0.9f, 0.1f, 0};
                var exact = volume.search("/", "selftest", q, 2, io.vexfs.core.VectorQuery.exactSearch());
                var approx = volume.search("/", "selftest", q, 2, io.vexfs.core.VectorQuery.defaults());
                check(exact.size() == 2 && exact.getFirst().path().equals("/vec/v1"), "nearest is " + exact);
                check(exact.stream().map(io.vexfs.core.VectorHit::path).toList()
                        .equals(approx.stream().map(io.vexfs.core.VectorHit::path).toList()), "exact " + exact
                        + " vs approximate " + approx);
                volume.rename("/vec/v1", "/vec/renamed", false);
                check(volume.search("/", "selftest", q, 1, io.vexfs.core.VectorQuery.defaults()).getFirst().path()
                        .equals("/vec/renamed"), "search does not follow the rename");
                volume.unlink("/vec/renamed");
                check(!volume.search("/", "selftest", q, 1, io.vexfs.core.VectorQuery.defaults()).getFirst().path()
                        .equals("/vec/renamed"), "deleted file still found");
                check(volume.getVector("/vec/v2", "selftest").map(f -> f[1] == 5f).orElse(false), "vector lost");
            }),
            new Check("unlink and rmdir free their space", () -> {
                long before = volume.statfs().freeBlocks();
                volume.unlink("/sparse");
                volume.unlink("/moved/big.bin");
                volume.rmdir("/moved");
                for (int i = 0; i < 2000; i++) {
                    volume.unlink("/many/f" + i);
                }
                volume.rmdir("/many");
                check(volume.statfs().freeBlocks() > before, "no blocks freed");
            }),
            new Check("close, reopen, contents persist", () -> {
                volume.close();
                volume = null;
                volume = VolumeCommand.open(image, false);
                check(Arrays.equals(read("/hard"), "hello, vexfs\n".getBytes(StandardCharsets.UTF_8)),
                        "hard link content lost");
                check(volume.readlink("/dir/link").equals("hello.txt"), "symlink lost");
                check(volume.getXattr("/dir/renamed.txt", false, "user.large").isPresent(), "xattr lost");
                VexfsStats s = volume.statfs();
                check(s.freeBlocks() > 0 && s.freeInodes() < s.totalInodes(), "statfs implausible");
                volume.close();
                volume = null;
            }),
            new Check("fsck reports the volume clean", () -> {
                FsckReport r = Fsck.check(image, false);
                check(r.clean(), r.problems().size() + " problem(s), first: "
                        + (r.problems().isEmpty() ? "" : r.problems().getFirst()));
            }));
    }

    private void write(String path, byte[] data) throws VexfsException {
        try (FileHandle h = volume.open(path, OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(data), 0);
        }
    }

    private byte[] read(String path) throws VexfsException {
        try (FileHandle h = volume.open(path, OpenMode.readOnly())) {
            long size = h.size();
            check(size <= Integer.MAX_VALUE, "file too large to read whole");
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (h.read(b, b.position()) < 0) {
                    throw new AssertionError("early end of file at " + b.position() + " of " + size);
                }
            }
            return b.array();
        }
    }

    private static void expect(VexfsError error, Body body) throws Exception {
        try {
            body.run();
        } catch (VexfsException e) {
            check(e.error() == error, "expected " + error + ", got " + e.getMessage());
            return;
        }
        throw new AssertionError("expected " + error + ", but the operation succeeded");
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
