package io.vexfs.bench.durability;

import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/**
 * Durable small-file creation, vexfs vs the host filesystem, in one run: each of T threads creates
 * 4 KiB files and forces each one before the next (vexfs: {@code Volume.open} + write +
 * {@code FileHandle.force}; host: {@code Files.write} + {@code FileChannel.force(true)}). Reports the
 * median files/s over several alternating runs and the vexfs/host ratio. Concurrent forces on one
 * vexfs volume are group-committed. Arguments: [work dir] [runs] [files per thread].
 */
public final class GroupCommitBenchmark {
    private GroupCommitBenchmark() {
    }

    interface FileMaker {
        void make(int thread, int index, byte[] data) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int perThreadBase = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        Path root = Files.createTempDirectory(work, "vexfs-groupcommit-");
        System.out.printf("work dir %s, %d runs per configuration, medians%n", root, runs);
        System.out.printf("%8s %14s %14s %8s %17s %17s%n", "threads", "vexfs files/s", "host files/s", "ratio",
                "files per commit", "files per force");
        try {
            for (int threads : new int[] {1, 4, 16}) {
                int perThread = Math.max(50, perThreadBase * 4 / Math.max(4, threads));
                double[] vex = new double[runs];
                double[] host = new double[runs];
                double[] perCommit = new double[runs];
                double[] perForce = new double[runs];
                runVexfs(root, threads, perThread, new double[2]); // warm-up
                runHost(root, threads, perThread);
                for (int r = 0; r < runs; r++) {
                    double[] pc = new double[2];
                    vex[r] = runVexfs(root, threads, perThread, pc);
                    perCommit[r] = pc[0];
                    perForce[r] = pc[1];
                    host[r] = runHost(root, threads, perThread);
                }
                double v = median(vex);
                double h = median(host);
                System.out.printf("%8d %14.0f %14.0f %8.2f %17.1f %17.1f%n", threads, v, h, v / h, median(perCommit),
                        median(perForce));
            }
        } finally {
            deleteTree(root);
        }
    }

    private static double runVexfs(Path root, int threads, int perThread, double[] filesPerCommit) throws Exception {
        Path image = root.resolve("bench.vexfs");
        Files.deleteIfExists(image);
        long size = 256L << 20;
        Volume.mkfs(image, MkfsOptions.ofSize(size).withOverwrite(true));
        preallocate(image);
        try (Volume v = Volume.open(image, VolumeOptions.defaults())) {
            for (int t = 0; t < threads; t++) {
                v.mkdir("/t" + t, 0755);
            }
            v.sync();
            double rate = timed(threads, perThread, (t, i, data) -> {
                try (FileHandle h = v.open("/t" + t + "/f" + i, OpenMode.createTruncate())) {
                    h.write(ByteBuffer.wrap(data), 0);
                    h.force(true);
                }
            });
            if (v instanceof io.vexfs.core.engine.VolumeEngine e) {
                long[] s = e.groupCommitStats();
                filesPerCommit[0] = s[0] == 0 ? 0 : (double) s[1] / s[0];
                filesPerCommit[1] = s[2] == 0 ? 0 : (double) s[1] / s[2];
            }
            return rate;
        }
    }

    private static double runHost(Path root, int threads, int perThread) throws Exception {
        Path dir = root.resolve("host");
        deleteTree(dir);
        Files.createDirectories(dir);
        for (int t = 0; t < threads; t++) {
            Files.createDirectory(dir.resolve("t" + t));
        }
        return timed(threads, perThread, (t, i, data) -> {
            Path p = dir.resolve("t" + t).resolve("f" + i);
            Files.write(p, data);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        });
    }

    /** Runs the threads from a common start; files per second over the whole run. */
    private static double timed(int threads, int perThread, FileMaker maker) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> ts = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                byte[] data = new byte[4096];
                new Random(id).nextBytes(data);
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        maker.make(id, i, data);
                    }
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        start.await();
        long t0 = System.nanoTime();
        for (Thread th : ts) {
            th.join();
        }
        long ns = System.nanoTime() - t0;
        if (failure[0] != null) {
            throw failure[0];
        }
        return threads * (double) perThread / (ns / 1e9);
    }

    /** Rewrites every byte of the image in place so the host allocates it now and fdatasync stays cheap. */
    private static void preallocate(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            for (long pos = 0; pos < ch.size(); pos += buf.capacity()) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {
                    // fill
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf, pos + buf.position());
                }
            }
            ch.force(true);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> w = Files.walk(p)) {
            for (Path q : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
