package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckProblem;
import io.vexfs.core.fsck.FsckReport;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The guided tour: formats a volume, stores a small tree (directories, text, a binary file, a symlink, a hard link,
 * xattrs), closes it, reopens it, shows statfs and the tree, verifies the binary file, and runs fsck.
 */
final class Demo {
    private static final int BINARY_SIZE = 3 * 1024 * 1024 + 4321;
    private final Path image;
    private final PrintWriter out;
    private final long started = System.nanoTime();

    private final int vectorImages;

    Demo(Path image, PrintWriter out, int vectorImages) {
        this.image = image;
        this.out = out;
        this.vectorImages = vectorImages;
    }

    /** Runs the tour; returns whether fsck found the volume clean and the binary file intact. */
    boolean run(boolean overwrite) throws VexfsException {
        // sparse image: a 2 GiB volume costs only the blocks written
        step("1. mkfs: " + (vectorImages > 0 ? "2 GiB (sparse)" : "64 MiB") + " volume at " + image);
        Volume.mkfs(image, MkfsOptions.ofSize(vectorImages > 0 ? 2L << 30 : 64L << 20).withLabel("demo")
                .withOverwrite(overwrite));

        step("2. write a tree");
        String binaryHash;
        try (Volume v = VolumeCommand.open(image, false)) {
            binaryHash = writeTree(v);
        }
        out.println("   closed the volume (everything flushed and marked clean)");

        step("3. reopen and look");
        boolean intact;
        try (Volume v = VolumeCommand.open(image, true)) {
            out.println("   label '" + v.label() + "', uuid " + v.uuid());
            printStatfs(v.statfs());
            out.println();
            new TreePrinter(v, out).print("/");
            out.println();
            printXattrs(v, "/docs/readme.txt");
            printXattrs(v, "/photos/sunset.raw");
            out.println("   /docs/readme.txt: \"" + new String(read(v, "/docs/readme.txt"), StandardCharsets.UTF_8)
                    .lines().findFirst().orElse("") + "\" ...");
            String again = sha256(read(v, "/photos/sunset.raw"));
            intact = again.equals(binaryHash);
            out.println("   /photos/sunset.raw sha256 " + again.substring(0, 16) + "... "
                    + (intact ? "matches what was written" : "DIFFERS from what was written " + binaryHash));
            out.println("   /latest -> " + v.readlink("/latest") + " resolves to inode " + v.stat("/latest", true).inode()
                    + "; /docs/readme-hardlink.txt is inode " + v.stat("/docs/readme-hardlink.txt", false).inode());
        }

        boolean vectorsOk = true;
        if (vectorImages > 0) {
            step("4. embeddings: images as files with their pixel vectors, search by example");
            try {
                vectorsOk = new VectorDemo(image, out, vectorImages).run();
            } catch (java.io.IOException e) {
                throw new VexfsException(io.vexfs.api.VexfsError.EIO, "demo: reading the dataset: " + e.getMessage(), e);
            }
        }

        step((vectorImages > 0 ? "5" : "4") + ". fsck");
        FsckReport r = Fsck.check(image, false);
        for (FsckProblem p : r.problems()) {
            out.println("   problem: " + p);
        }
        out.println("   " + (r.clean() ? "clean" : r.problems().size() + " problem(s)") + ": " + r.inodes()
                + " inodes, " + r.directories() + " directories, " + r.blocksInUse() + " blocks in use");
        out.printf(Locale.ROOT, "%ndone in %.2f s%n", (System.nanoTime() - started) / 1e9);
        return r.clean() && intact && vectorsOk;
    }

    private void step(String title) {
        out.printf(Locale.ROOT, "%n== %s  (%.2f s)%n", title, (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    private String writeTree(Volume v) throws VexfsException {
        v.mkdir("/docs", 0755);
        v.mkdir("/docs/notes", 0750);
        v.mkdir("/photos", 0755);
        v.mkdir("/src", 0755);
        v.mkdir("/src/main", 0755);
        writeText(v, "/docs/readme.txt", """
                VexFS demo volume
                A POSIX-like tree in one file: directories, files, links, xattrs.
                """);
        writeText(v, "/docs/notes/todo.md", "- [x] mkfs\n- [x] write a tree\n- [x] vectors\n");
        writeText(v, "/src/main/Hello.java", """
                class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello from inside a volume");
                    }
                }
                """);
        byte[] binary = new byte[BINARY_SIZE];
        new Random(2024).nextBytes(binary);
        write(v, "/photos/sunset.raw", binary);
        String hash = sha256(binary);
        out.println("   wrote /photos/sunset.raw: " + Formats.bytes(binary.length) + ", sha256 " + hash.substring(0, 16) + "...");
        v.symlink("/latest", "docs/readme.txt");
        v.link("/docs/readme.txt", "/docs/readme-hardlink.txt");
        v.setXattr("/docs/readme.txt", false, "user.author", "demo".getBytes(StandardCharsets.UTF_8));
        v.setXattr("/docs/readme.txt", false, "user.tags", "intro,text".getBytes(StandardCharsets.UTF_8));
        v.setXattr("/photos/sunset.raw", false, "user.camera", "pinhole 1.0".getBytes(StandardCharsets.UTF_8));
        out.println("   5 directories, 4 files, 1 symlink (/latest), 1 hard link (/docs/readme-hardlink.txt), 3 xattrs");
        return hash;
    }

    private void printStatfs(VexfsStats s) {
        long used = s.totalBlocks() - s.freeBlocks();
        out.printf(Locale.ROOT, "   statfs: %s total, %s used (%s), %s free; inodes %d used of %d; block size %d%n",
                Formats.bytes(s.totalBytes()), Formats.bytes(used * s.blockSize()), Formats.percent(used, s.totalBlocks()),
                Formats.bytes(s.freeBytes()), s.totalInodes() - s.freeInodes(), s.totalInodes(), s.blockSize());
    }

    private void printXattrs(Volume v, String path) throws VexfsException {
        List<String> names = v.listXattrs(path, false);
        StringBuilder sb = new StringBuilder("   xattrs of " + path + ":");
        for (String n : names.stream().sorted().toList()) {
            sb.append(' ').append(n).append("=\"")
                    .append(new String(v.getXattr(path, false, n).orElseThrow(), StandardCharsets.UTF_8)).append('"');
        }
        out.println(sb);
    }

    private static void writeText(Volume v, String path, String text) throws VexfsException {
        write(v, path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Volume v, String path, byte[] data) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(data), 0);
        }
    }

    private static byte[] read(Volume v, String path) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining() && h.read(b, b.position()) > 0) {
                // until full or end of file
            }
            return b.array();
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
