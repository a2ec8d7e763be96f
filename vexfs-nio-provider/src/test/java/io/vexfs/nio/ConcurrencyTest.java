package io.vexfs.nio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads on one volume: files, directories and one shared channel stay consistent. */
class ConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void threadsCreateWriteReadAndListConcurrently() throws Exception {
        int threads = 4;
        int perThread = 150;
        try (FileSystem fs = TestVolumes.create(tmp, "threads.vexfs")) {
            Path shared = Files.createDirectory(fs.getPath("/shared"));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    work.add(pool.submit(() -> {
                        Path own = Files.createDirectories(fs.getPath("/t" + id));
                        for (int i = 0; i < perThread; i++) {
                            byte[] data = ("thread " + id + " file " + i).getBytes();
                            Files.write(own.resolve("f" + i), data);
                            Files.write(shared.resolve(id + "-" + i), data);
                            assertThat(Files.readAllBytes(own.resolve("f" + i))).isEqualTo(data);
                            if (i % 3 == 0) {
                                Files.delete(shared.resolve(id + "-" + i));
                            }
                            long ownSurvivors = i - i / 3;
                            try (Stream<Path> s = Files.list(shared)) {
                                assertThat(s.filter(p -> p.getFileName().toString().startsWith(id + "-")).count())
                                        .isEqualTo(ownSurvivors);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            try (Stream<Path> s = Files.list(shared)) {
                assertThat(s.count()).isEqualTo(threads * (perThread - (perThread + 2) / 3));
            }
        }
    }

    @Test
    void oneChannelTakesPositionalWritesFromManyThreads() throws Exception {
        int threads = 4;
        int blocks = 64;
        int blockSize = 4096;
        try (FileSystem fs = TestVolumes.create(tmp, "channel.vexfs");
             FileChannel ch = FileChannel.open(fs.getPath("/big"), StandardOpenOption.CREATE,
                     StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    work.add(pool.submit(() -> {
                        for (int b = id; b < blocks; b += threads) {
                            byte[] block = new byte[blockSize];
                            java.util.Arrays.fill(block, (byte) b);
                            ch.write(ByteBuffer.wrap(block), (long) b * blockSize);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(ch.size()).isEqualTo((long) blocks * blockSize);
            ByteBuffer all = ByteBuffer.allocate(blocks * blockSize);
            while (all.hasRemaining()) {
                ch.read(all, all.position());
            }
            for (int b = 0; b < blocks; b++) {
                assertThat(all.get(b * blockSize)).isEqualTo((byte) b);
                assertThat(all.get(b * blockSize + blockSize - 1)).isEqualTo((byte) b);
            }
        }
    }
}
