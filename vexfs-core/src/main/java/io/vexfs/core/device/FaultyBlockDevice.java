package io.vexfs.core.device;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A block device that injects faults into the device it wraps: EIO on reads of chosen blocks, EIO or
 * ENOSPC on the n-th write, EIO on the n-th force, and bit rot (a flipped bit in what a read returns).
 * Counters count calls since the fault was armed; a fault fires once unless made sticky. Thread-safe.
 */
public final class FaultyBlockDevice implements BlockDevice {
    private final BlockDevice inner;
    private volatile LongPredicate failReadBlock = b -> false;
    private volatile long writeFailAt = -1;
    private volatile VexfsError writeError = VexfsError.EIO;
    private volatile long forceFailAt = -1;
    private volatile boolean sticky;
    private volatile long rotBlock = -1;
    private volatile int rotBit;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    public FaultyBlockDevice(BlockDevice inner) {
        this.inner = inner;
    }

    /** Reads touching a block that matches fail with EIO. */
    public FaultyBlockDevice failReads(LongPredicate blocks) {
        this.failReadBlock = blocks;
        return this;
    }

    /** The {@code n}-th write call from now (0 = the next) fails with {@code error} (EIO or ENOSPC) and writes nothing. */
    public FaultyBlockDevice failWrite(long n, VexfsError error) {
        writes.set(0);
        this.writeError = error;
        this.writeFailAt = n;
        return this;
    }

    /** The {@code n}-th force call from now (0 = the next) fails with EIO. */
    public FaultyBlockDevice failForce(long n) {
        forces.set(0);
        this.forceFailAt = n;
        return this;
    }

    /** With sticky faults every call at or after the armed one fails, as a dead disk does. */
    public FaultyBlockDevice sticky(boolean on) {
        this.sticky = on;
        return this;
    }

    /** Reads of {@code block} return bit {@code bit} (0..32767) flipped. */
    public FaultyBlockDevice rot(long block, int bit) {
        this.rotBit = bit;
        this.rotBlock = block;
        return this;
    }

    /** Removes every armed fault. */
    public FaultyBlockDevice heal() {
        failReadBlock = b -> false;
        writeFailAt = -1;
        forceFailAt = -1;
        rotBlock = -1;
        return this;
    }

    /** Faults injected so far. */
    public long injectedCount() {
        return injected.get();
    }

    @Override
    public long blockCount() {
        return inner.blockCount();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
        if (len > 0) {
            long first = offset / BLOCK_SIZE;
            long last = (offset + len - 1) / BLOCK_SIZE;
            LongPredicate f = failReadBlock;
            for (long b = first; b <= last; b++) {
                if (f.test(b)) {
                    injected.incrementAndGet();
                    throw new VexfsException(VexfsError.EIO, "injected read error at block " + b);
                }
            }
        }
        inner.read(offset, dst, dstOff, len);
        long rb = rotBlock;
        if (rb >= 0) {
            long bitPos = rb * BLOCK_SIZE + rotBit / 8;
            if (bitPos >= offset && bitPos < offset + len) {
                dst[dstOff + (int) (bitPos - offset)] ^= (byte) (1 << (rotBit & 7));
            }
        }
    }

    @Override
    public void write(long firstBlock, byte[][] blocks) throws VexfsException {
        long n = writes.getAndIncrement();
        long at = writeFailAt;
        if (at >= 0 && (n == at || (sticky && n > at))) {
            injected.incrementAndGet();
            throw new VexfsException(writeError, "injected " + writeError + " writing block " + firstBlock);
        }
        inner.write(firstBlock, blocks);
    }

    @Override
    public void force() throws VexfsException {
        long n = forces.getAndIncrement();
        long at = forceFailAt;
        if (at >= 0 && (n == at || (sticky && n > at))) {
            injected.incrementAndGet();
            throw new VexfsException(VexfsError.EIO, "injected fsync failure");
        }
        inner.force();
    }

    @Override
    public void close() throws VexfsException {
        inner.close();
    }
}
