package io.vexfs.core.engine;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.fsck.Fsck;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a group commit waits for the device outside the volume lock, other threads read and change
 * the volume: they must see the committing transaction's blocks (not yet written home), and their
 * own changes must land in the next commit, never be overwritten by the late checkpoint.
 */
class CommitOutsideLockTest {
    static final Path NAME = Path.of("outside.vexfs");

    /** A device whose next force blocks until released, once armed. */
    static final class GatedDevice implements BlockDevice {
        final MemoryBlockDevice inner;
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedDevice(MemoryBlockDevice inner) {
            this.inner = inner;
        }

        @Override
        public long blockCount() {
            return inner.blockCount();
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
            inner.read(offset, dst, dstOff, len);
        }

        @Override
        public void write(long firstBlock, byte[][] blocks) throws VexfsException {
            inner.write(firstBlock, blocks);
        }

        @Override
        public void force() {
            if (armed.compareAndSet(true, false)) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
        }
    }

    private static byte[] bytes(int len, int seed) {
        byte[] b = new byte[len];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(VolumeEngine v, String p) throws VexfsException {
        try (FileHandle h = v.open(p, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining() && h.read(b, b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }

    private static void write(VolumeEngine v, String p, byte[] data, long at) throws VexfsException {
        try (FileHandle h = v.open(p, OpenMode.readWriteCreate())) {
            h.write(ByteBuffer.wrap(data), at);
        }
    }

    @Test
    void othersReadAndWriteWhileACommitWaitsForTheDevice() throws Exception {
        MemoryBlockDevice disk = new MemoryBlockDevice(2048);
        Mkfs.format(disk, MkfsOptions.ofSize(2048L * 4096));
        GatedDevice dev = new GatedDevice(disk);
        VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
        byte[] first = bytes(10_000, 1);
        write(v, "/f", first, 0);
        v.mkdir("/d", 0755);
        dev.armed.set(true);
        CompletableFuture<Void> sync = CompletableFuture.runAsync(() -> {
            try {
                v.sync();
            } catch (VexfsException e) {
                throw new IllegalStateException(e);
            }
        });
        dev.entered.await();
        // the commit is waiting for the device: its blocks are not home yet
        assertThat(read(v, "/f")).isEqualTo(first);
        assertThat(v.stat("/d", false).isDirectory()).isTrue();
        byte[] patch = bytes(3000, 2);
        write(v, "/f", patch, 2000);          // modifies a block of the committing transaction
        v.mkdir("/d/e", 0755);                // modifies the committing directory
        byte[] expected = first.clone();
        System.arraycopy(patch, 0, expected, 2000, patch.length);
        assertThat(read(v, "/f")).isEqualTo(expected);
        dev.release.countDown();
        sync.get();
        assertThat(read(v, "/f")).isEqualTo(expected);
        v.sync();
        // a crash now: the device holds exactly what was written
        MemoryBlockDevice crashed = disk.copy(false);
        assertThat(Fsck.check(NAME, crashed, false, x -> { }).problems()).isEmpty();
        try (VolumeEngine r = VolumeEngine.open(NAME, crashed, VolumeOptions.defaults())) {
            assertThat(Arrays.equals(read(r, "/f"), expected)).isTrue();
            assertThat(r.stat("/d/e", false).isDirectory()).isTrue();
        }
        v.close();
        assertThat(Fsck.check(NAME, disk, false, x -> { }).problems()).isEmpty();
    }
}
