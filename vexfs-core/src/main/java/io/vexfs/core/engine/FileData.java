package io.vexfs.core.engine;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.alloc.BitmapAllocator;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.file.ExtentMap;
import io.vexfs.core.inode.Inode;
import io.vexfs.core.inode.InodeTable;

import java.nio.ByteBuffer;
import java.util.List;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;

/**
 * Reads, writes and truncates a regular file's bytes through its extent map. Writes go to the
 * running transaction's dirty data; holes read as zeros; bytes past EOF in the last block are kept zero.
 */
final class FileData {
    private final BlockStore store;
    private final BitmapAllocator blocks;

    FileData(BlockStore store, BitmapAllocator blocks) {
        this.store = store;
        this.blocks = blocks;
    }

    /** Reads up to {@code dst.remaining()} bytes from {@code pos}; -1 at or past EOF. */
    int read(Inode in, long pos, ByteBuffer dst) throws VexfsException {
        if (pos >= in.size) {
            return dst.hasRemaining() ? -1 : 0;
        }
        long end = Math.min(in.size, pos + dst.remaining());
        int total = (int) (end - pos);
        ExtentMap map = in.extents;
        long p = pos;
        while (p < end) {
            long lblk = p >>> 12;
            int off = (int) (p & (BLOCK_SIZE - 1));
            long run = map.run(lblk);
            long phys = map.physical(lblk);
            // saturate: a hole before an extent at a huge logical block must not overflow to <= 0
            long runBytes = run >= Long.MAX_VALUE / BLOCK_SIZE ? Long.MAX_VALUE : run * BLOCK_SIZE - off;
            int n = (int) Math.min(end - p, runBytes);
            if (n <= 0) {
                throw new VexfsException(VexfsError.EUCLEAN, "inode " + in.ino + ": extent map does not advance at "
                        + "logical block " + lblk);
            }
            if (phys == 0) {
                for (int i = 0; i < n; i++) {
                    dst.put((byte) 0);
                }
            } else if (!store.hasDirtyData()) {
                store.device().readInto(phys * BLOCK_SIZE + off, dst, n);
            } else {
                int done = 0;
                while (done < n) {
                    long blk = phys + ((off + done) >>> 12);
                    int inOff = (off + done) & (BLOCK_SIZE - 1);
                    int m = Math.min(n - done, BLOCK_SIZE - inOff);
                    byte[] d = store.dirtyData(blk);
                    if (d != null) {
                        dst.put(d, inOff, m);
                    } else {
                        store.device().readInto(blk * BLOCK_SIZE + inOff, dst, m);
                    }
                    done += m;
                }
            }
            p += n;
        }
        return total;
    }

    /** Blocks a write of {@code len} bytes at {@code pos} may need to allocate (data + tree slack). */
    static long blocksNeeded(Inode in, long pos, long len) {
        long first = pos >>> 12;
        long last = (pos + len - 1) >>> 12;
        long need = 0;
        long l = first;
        while (l <= last) {
            long run = in.extents.run(l);
            long n = Math.min(run == Long.MAX_VALUE ? Long.MAX_VALUE : run, last - l + 1);
            if (in.extents.physical(l) == 0) {
                need += n;
            }
            l += n;
        }
        return need + need / 100 + 8;
    }

    /** Writes all of {@code src} at {@code pos}; allocates holes near the file's other blocks. */
    void write(Inode in, long pos, ByteBuffer src) throws VexfsException {
        int len = src.remaining();
        if (len == 0) {
            return;
        }
        if (pos < 0 || pos > InodeTable.MAX_FILE_SIZE - len) {
            throw new VexfsException(VexfsError.EFBIG, "inode " + in.ino + ": write past the maximum file size");
        }
        ExtentMap map = in.extents;
        long p = pos;
        long end = pos + len;
        while (p < end) {
            long lblk = p >>> 12;
            long phys = map.physical(lblk);
            if (phys == 0) {
                long lastNeeded = (end - 1) >>> 12;
                long holeRun = Math.min(map.run(lblk), lastNeeded - lblk + 1);
                long goal = goal(map, lblk);
                long[] got = blocks.allocate(goal, Math.min(holeRun, 1L << 20));
                map.insert(lblk, got[0], (int) got[1]);
                for (long i = 0; i < got[1]; i++) {
                    long b = lblk + i;
                    long bStart = b << 12;
                    if (bStart >= p && bStart + BLOCK_SIZE <= end) {
                        byte[] block = new byte[BLOCK_SIZE];
                        src.get(src.position() + (int) (bStart - pos), block, 0, BLOCK_SIZE);
                        store.putData(got[0] + i, block);
                    } else {
                        byte[] block = store.dataForWrite(got[0] + i, true);
                        copyInto(block, b, pos, end, src);
                    }
                }
                p = Math.min(end, (lblk + got[1]) << 12);
            } else {
                long run = Math.min(map.run(lblk), ((end - 1) >>> 12) - lblk + 1);
                for (long i = 0; i < run; i++) {
                    long b = lblk + i;
                    long bStart = b << 12;
                    boolean full = bStart >= p && bStart + BLOCK_SIZE <= end;
                    byte[] block = store.dataForWrite(phys + i, full);
                    copyInto(block, b, pos, end, src);
                }
                p = Math.min(end, (lblk + run) << 12);
            }
        }
        src.position(src.position() + len);
        map.reserveTree(blocks, store);
        if (end > in.size) {
            in.size = end;
        }
    }

    private static long goal(ExtentMap map, long lblk) {
        if (lblk > 0) {
            long prev = map.physical(lblk - 1);
            if (prev != 0) {
                return prev + 1;
            }
        }
        int n = map.extentCount();
        return n > 0 ? map.physicalAt(n - 1) + map.lengthAt(n - 1) : 0;
    }

    /** Copies the part of the write [pos, end) from {@code src} that falls into logical block {@code b}. */
    private static void copyInto(byte[] block, long b, long pos, long end, ByteBuffer src) {
        long bStart = b << 12;
        long from = Math.max(bStart, pos);
        long to = Math.min(bStart + BLOCK_SIZE, end);
        src.get(src.position() + (int) (from - pos), block, (int) (from - bStart), (int) (to - from));
    }

    /** Changes the size; shrinking frees blocks past the end and zeroes the tail of the last block. */
    void truncate(Inode in, long newSize) throws VexfsException {
        if (newSize < 0 || newSize > InodeTable.MAX_FILE_SIZE) {
            throw new VexfsException(newSize < 0 ? VexfsError.EINVAL : VexfsError.EFBIG,
                    "inode " + in.ino + ": invalid size " + newSize);
        }
        if (newSize < in.size) {
            long keepBlocks = (newSize + BLOCK_SIZE - 1) >>> 12;
            List<long[]> freed = in.extents.truncateFrom(keepBlocks);
            for (long[] f : freed) {
                for (long i = 0; i < f[1]; i++) {
                    store.forget(f[0] + i);
                }
                blocks.free(f[0], f[1]);
            }
            int tail = (int) (newSize & (BLOCK_SIZE - 1));
            if (tail != 0) {
                long phys = in.extents.physical(newSize >>> 12);
                if (phys != 0) {
                    byte[] block = store.dataForWrite(phys, false);
                    java.util.Arrays.fill(block, tail, BLOCK_SIZE, (byte) 0);
                }
            }
            in.extents.reserveTree(blocks, store);
        }
        in.size = newSize;
    }

    /** Frees every block of the file. */
    void freeAll(Inode in) throws VexfsException {
        List<long[]> freed = in.extents.truncateFrom(0);
        for (long[] f : freed) {
            for (long i = 0; i < f[1]; i++) {
                store.forget(f[0] + i);
            }
            blocks.free(f[0], f[1]);
        }
        in.extents.reserveTree(blocks, store);
        in.size = 0;
    }
}
