package io.vexfs.core.device;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.util.HashMap;
import java.util.Map;

/** A sparse in-memory block device, for tests and for replaying recorded crash states. */
public final class MemoryBlockDevice implements BlockDevice {
    private final long blocks;
    private final Map<Long, byte[]> data;
    private final boolean readOnly;

    public MemoryBlockDevice(long blocks) {
        this(blocks, new HashMap<>(), false);
    }

    private MemoryBlockDevice(long blocks, Map<Long, byte[]> data, boolean readOnly) {
        this.blocks = blocks;
        this.data = data;
        this.readOnly = readOnly;
    }

    /** An independent copy of the current contents. */
    public synchronized MemoryBlockDevice copy(boolean asReadOnly) {
        Map<Long, byte[]> c = new HashMap<>();
        data.forEach((k, v) -> c.put(k, v.clone()));
        return new MemoryBlockDevice(blocks, c, asReadOnly);
    }

    /** The raw bytes of a block (zeros if never written); a copy. */
    public synchronized byte[] peek(long block) {
        byte[] b = data.get(block);
        return b == null ? new byte[BLOCK_SIZE] : b.clone();
    }

    /** Replaces a block's bytes without any checks (fault injection). */
    public synchronized void poke(long block, byte[] bytes) {
        data.put(block, bytes.clone());
    }

    /** Blocks that were ever written. */
    public synchronized java.util.Set<Long> writtenBlocks() {
        return new java.util.TreeSet<>(data.keySet());
    }

    @Override
    public long blockCount() {
        return blocks;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public synchronized void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
        if (offset < 0 || len < 0 || offset > blocks * BLOCK_SIZE - len) {
            throw new VexfsException(VexfsError.EIO, "memory device: read outside device at byte " + offset);
        }
        int done = 0;
        while (done < len) {
            long pos = offset + done;
            long blk = pos / BLOCK_SIZE;
            int in = (int) (pos % BLOCK_SIZE);
            int n = Math.min(len - done, BLOCK_SIZE - in);
            byte[] b = data.get(blk);
            if (b == null) {
                java.util.Arrays.fill(dst, dstOff + done, dstOff + done + n, (byte) 0);
            } else {
                System.arraycopy(b, in, dst, dstOff + done, n);
            }
            done += n;
        }
    }

    @Override
    public synchronized void write(long firstBlock, byte[][] src) throws VexfsException {
        if (readOnly) {
            throw new VexfsException(VexfsError.EROFS, "memory device is read-only");
        }
        if (firstBlock < 0 || firstBlock > blocks - src.length) {
            throw new VexfsException(VexfsError.EIO, "memory device: write outside device at block " + firstBlock);
        }
        for (int i = 0; i < src.length; i++) {
            data.put(firstBlock + i, src[i].clone());
        }
    }

    @Override
    public void force() {
    }

    @Override
    public void close() {
    }
}
