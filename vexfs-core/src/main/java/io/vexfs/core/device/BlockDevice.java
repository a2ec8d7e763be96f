package io.vexfs.core.device;

import io.vexfs.api.VexfsException;

import java.io.Closeable;

/**
 * Fixed-size array of 4 KiB blocks under a volume. Writes are not durable until {@link #force()}
 * returns; reads see every completed write.
 */
public interface BlockDevice extends Closeable {

    int BLOCK_SIZE = 4096;

    /** Blocks in the device. */
    long blockCount();

    boolean isReadOnly();

    /** Reads {@code len} bytes starting at byte {@code offset} of the device into {@code dst[dstOff..]}. */
    void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException;

    /** Reads {@code len} device bytes at {@code offset} into {@code dst} at its position, advancing it. */
    default void readInto(long offset, java.nio.ByteBuffer dst, int len) throws VexfsException {
        byte[] tmp = new byte[len];
        read(offset, tmp, 0, len);
        dst.put(tmp);
    }

    /** Reads one block. */
    default byte[] readBlock(long block) throws VexfsException {
        byte[] b = new byte[BLOCK_SIZE];
        read(block * BLOCK_SIZE, b, 0, BLOCK_SIZE);
        return b;
    }

    /** Writes the given whole blocks contiguously starting at {@code firstBlock}. */
    void write(long firstBlock, byte[][] blocks) throws VexfsException;

    /** Writes a single block. */
    default void writeBlock(long block, byte[] data) throws VexfsException {
        write(block, new byte[][] {data});
    }

    /** Makes every completed write durable. A failure is final for the volume. */
    void force() throws VexfsException;

    /**
     * The device's bytes {@code [offset, offset + length)} as a read-only segment over a mapping of
     * the device, valid until {@link #close()}, or null if this device has no mapping. It shows
     * later writes to that range (callers use it only for blocks nobody rewrites meanwhile).
     */
    default java.lang.foreign.MemorySegment mapped(long offset, long length) {
        return null;
    }

    @Override
    void close() throws VexfsException;
}
