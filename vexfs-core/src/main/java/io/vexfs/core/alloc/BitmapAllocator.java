package io.vexfs.core.alloc;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.format.Region;

import java.util.ArrayList;
import java.util.List;

import static io.vexfs.core.format.FormatStructs.BITS_PER_BITMAP_BLOCK;
import static io.vexfs.core.format.FormatStructs.CSUM_OFFSET;

/**
 * Allocation over an on-disk bitmap (blocks or inodes). Frees are deferred to commit time so a
 * block released by the running transaction is never reused before that transaction commits
 * (ordered mode: new data must not land in a block the last committed metadata still references).
 */
public final class BitmapAllocator {
    private final BlockStore store;
    private final Region bitmap;
    private final long bits;       // valid bits (total_blocks or total_inodes)
    private final long firstAllocatable;
    private final String what;
    private final String bitmapName;
    private long free;
    private long cursor;
    private final List<long[]> pendingFrees = new ArrayList<>();
    private long pendingFreeCount;

    /**
     * @param firstAllocatable lowest bit that may be handed out (bits below are metadata / reserved)
     */
    public BitmapAllocator(BlockStore store, Region bitmap, long bits, long firstAllocatable, long free, String what) {
        this.store = store;
        this.bitmap = bitmap;
        this.bits = bits;
        this.firstAllocatable = firstAllocatable;
        this.free = free;
        this.cursor = firstAllocatable;
        this.what = what;
        this.bitmapName = what + " bitmap";
    }

    public long free() {
        return free;
    }

    /** Bits freed by the running transaction: counted as free, allocatable only after it commits. */
    public long pendingFree() {
        return pendingFreeCount; // kept as a running sum: reserve() asks on every write
    }

    public long total() {
        return bits;
    }

    private long blockOf(long bit) {
        return bitmap.start() + bit / BITS_PER_BITMAP_BLOCK;
    }

    private static int byteOf(long bit) {
        return (int) ((bit % BITS_PER_BITMAP_BLOCK) >>> 3);
    }

    /** True if {@code bit} is set on disk (or in the running transaction). */
    public boolean isSet(long bit) throws VexfsException {
        if (bit < 0 || bit >= bits) {
            return true;
        }
        byte[] b = store.readMeta(blockOf(bit), bitmapName);
        return (b[byteOf(bit)] & (1 << (bit & 7))) != 0;
    }

    /**
     * Allocates a run of up to {@code max} free bits, preferring one that starts at {@code goal}.
     * Returns {@code {first, length}}; ENOSPC if nothing is free.
     */
    public long[] allocate(long goal, long max) throws VexfsException {
        if (free <= 0) {
            throw new VexfsException(VexfsError.ENOSPC, "no free " + what + "s");
        }
        long start = -1;
        if (goal >= firstAllocatable && goal < bits && !isSet(goal)) {
            start = goal;
        } else {
            start = findFree(cursor);
            if (start < 0) {
                start = findFree(firstAllocatable);
            }
            if (start < 0) {
                throw new VexfsException(VexfsError.ENOSPC, "no free " + what + "s (bitmap full)");
            }
        }
        long len = 1;
        while (len < max && start + len < bits && !isSet(start + len)) {
            len++;
        }
        for (long i = 0; i < len; i++) {
            setBit(start + i, true);
        }
        free -= len;
        cursor = start + len;
        store.touched();
        return new long[] {start, len};
    }

    /** Sets or clears a specific bit at once, adjusting the free count (fsck repair). */
    public void setDirect(long bit, boolean used) throws VexfsException {
        if (bit < 0 || bit >= bits || isSet(bit) == used) {
            return;
        }
        setBit(bit, used);
        free += used ? -1 : 1;
        store.touched();
    }

    private long findFree(long from) throws VexfsException {
        long bit = Math.max(from, firstAllocatable);
        while (bit < bits) {
            long blk = blockOf(bit);
            byte[] b = store.readMeta(blk, bitmapName);
            long blockEnd = Math.min(bits, (bit / BITS_PER_BITMAP_BLOCK + 1) * BITS_PER_BITMAP_BLOCK);
            while (bit < blockEnd) {
                int byteIdx = byteOf(bit);
                if ((bit & 7) == 0 && b[byteIdx] == (byte) 0xff && bit + 8 <= blockEnd) {
                    // skip full bytes; word-skip when aligned
                    bit += 8;
                    continue;
                }
                if ((b[byteIdx] & (1 << (bit & 7))) == 0) {
                    return bit;
                }
                bit++;
            }
        }
        return -1;
    }

    private void setBit(long bit, boolean used) throws VexfsException {
        byte[] b = store.modifyMeta(blockOf(bit), bitmapName);
        int i = byteOf(bit);
        if (i >= CSUM_OFFSET) {
            throw new VexfsException(VexfsError.EUCLEAN, what + " bitmap bit " + bit + " beyond bitmap block");
        }
        if (used) {
            b[i] |= (byte) (1 << (bit & 7));
        } else {
            b[i] &= (byte) ~(1 << (bit & 7));
        }
    }

    /**
     * Releases {@code len} bits from {@code start}; they count as free at once but stay set (and so
     * unallocatable) until {@link #applyPendingFrees()} runs at commit.
     */
    public void free(long start, long len) throws VexfsException {
        if (start < firstAllocatable || len < 0 || start > bits - len) {
            throw new VexfsException(VexfsError.EUCLEAN, what + " free of [" + start + "+" + len + ") outside "
                    + "the allocatable range");
        }
        pendingFrees.add(new long[] {start, len});
        pendingFreeCount += len;
        free += len;
        store.touched();
    }

    /** Clears the bits of every deferred free in the running transaction (called just before commit). */
    public void applyPendingFrees() throws VexfsException {
        for (long[] f : pendingFrees) {
            for (long i = 0; i < f[1]; i++) {
                setBit(f[0] + i, false);
            }
        }
        pendingFrees.clear();
        pendingFreeCount = 0;
    }

    /** Recounts free bits from the bitmap (after an unclean shutdown). */
    public long recount() throws VexfsException {
        long used = 0;
        long nblocks = (bits + BITS_PER_BITMAP_BLOCK - 1) / BITS_PER_BITMAP_BLOCK;
        for (long k = 0; k < nblocks; k++) {
            byte[] b = store.readMeta(bitmap.start() + k, bitmapName);
            long lo = k * BITS_PER_BITMAP_BLOCK;
            long hi = Math.min(bits, lo + BITS_PER_BITMAP_BLOCK);
            int fullBytes = (int) ((hi - lo) >>> 3);
            for (int i = 0; i < fullBytes; i++) {
                used += Integer.bitCount(b[i] & 0xff);
            }
            for (long bit = lo + 8L * fullBytes; bit < hi; bit++) {
                if ((b[byteOf(bit)] & (1 << (bit & 7))) != 0) {
                    used++;
                }
            }
        }
        free = bits - used;
        for (long[] f : pendingFrees) {
            free += f[1];
        }
        return free;
    }
}
