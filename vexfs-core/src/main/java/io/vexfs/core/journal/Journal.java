package io.vexfs.core.journal;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.Le;
import io.vexfs.core.format.Region;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.zip.CRC32;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;
import static io.vexfs.core.format.FormatStructs.JOURNAL_COMMIT;
import static io.vexfs.core.format.FormatStructs.JOURNAL_COMMIT_MAGIC;
import static io.vexfs.core.format.FormatStructs.JOURNAL_DESCRIPTOR;
import static io.vexfs.core.format.FormatStructs.JOURNAL_DESC_MAGIC;
import static io.vexfs.core.format.FormatStructs.JOURNAL_HEADER;
import static io.vexfs.core.format.FormatStructs.JOURNAL_HEADER_MAGIC;
import static io.vexfs.core.format.FormatStructs.JOURNAL_TAGS_PER_DESCRIPTOR;

/**
 * The metadata journal (docs/FORMAT.md "Journal"): physical block images, descriptor and commit
 * blocks, each transaction starting on a fresh block; replay at open. Not thread-safe: the volume
 * serializes commits.
 */
public final class Journal {
    private final BlockDevice device;
    private final Checksums checksums;
    private final Region region;
    private long sequence;   // sequence of the next transaction
    private long head;       // journal-relative block where the next transaction goes
    private long headerSequence;
    /** Home blocks that transactions in the live part of the log (since the last reset) carry images of. */
    private final java.util.Set<Long> loggedTargets = new java.util.HashSet<>();

    private Journal(BlockDevice device, Checksums checksums, Region region) {
        this.device = device;
        this.checksums = checksums;
        this.region = region;
    }

    /** Encodes a journal header block. */
    public static byte[] encodeHeader(Checksums checksums, Region region, long sequence, long start) {
        byte[] h = new byte[BLOCK_SIZE];
        Le.put32(h, JOURNAL_HEADER.off("magic"), JOURNAL_HEADER_MAGIC);
        Le.put32(h, JOURNAL_HEADER.off("version"), 1);
        Le.put64(h, JOURNAL_HEADER.off("sequence"), sequence);
        Le.put64(h, JOURNAL_HEADER.off("start"), start);
        Le.put64(h, JOURNAL_HEADER.off("length"), region.length());
        checksums.sealBlock(h, region.start());
        return h;
    }

    /** Transactions found in the log, in order: each a map of home block to image. */
    public record Recovered(List<Map<Long, byte[]>> transactions, long nextSequence) {
    }

    /**
     * Opens the journal: validates the header and scans the log for committed transactions (which the
     * caller applies). {@code validTarget} says which home blocks a transaction may name.
     */
    public static Journal open(BlockDevice device, Checksums checksums, Region region, LongPredicate validTarget,
                               List<Map<Long, byte[]>> recoveredOut) throws VexfsException {
        Journal j = new Journal(device, checksums, region);
        byte[] h = device.readBlock(region.start());
        long start = Le.u64(h, JOURNAL_HEADER.off("start"));
        if (headerProblem(h, checksums, region) == null) {
            j.sequence = Le.u64(h, JOURNAL_HEADER.off("sequence"));
            j.headerSequence = j.sequence;
            j.head = start;
        } else {
            j.rebuildHeaderState();
        }
        while (true) {
            Map<Long, byte[]> tx = j.readTransaction(validTarget);
            if (tx == null) {
                break;
            }
            recoveredOut.add(tx);
            j.loggedTargets.addAll(tx.keySet());
        }
        return j;
    }

    /**
     * The header is unreadable (a write of it was torn by a crash, or it rotted). Writers only rewrite
     * it in {@link #reset()}, always with {@code start = 1}, together with a zeroed first log block, and
     * only once every logged transaction is checkpointed; so the transactions that matter are exactly
     * the chain of consecutive sequences at log block 1. Replay continues from there, with the sequence
     * of the transaction found at block 1, or, if there is none, past every sequence in the log (so no
     * stale transaction can ever chain onto a new one). The header is rewritten at the next reset.
     */
    private void rebuildHeaderState() throws VexfsException {
        head = 1;
        long max = 0;
        long first = -1;
        for (long pos = 1; pos < region.length(); pos++) {
            byte[] b = device.readBlock(region.start() + pos);
            int magic = Le.i32(b, 0);
            if ((magic == JOURNAL_DESC_MAGIC || magic == JOURNAL_COMMIT_MAGIC)
                    && checksums.blockValid(b, region.start() + pos)) {
                long seq = Le.u64(b, 8);
                max = Math.max(max, seq);
                if (pos == 1 && magic == JOURNAL_DESC_MAGIC) {
                    first = seq;
                }
            }
        }
        sequence = first >= 0 ? first : max + 1;
        headerSequence = -1; // forces a header rewrite at the next reset
    }

    /**
     * Null if the journal header block {@code h} is valid, else what is wrong with it. Open survives a
     * damaged header (see {@link #rebuildHeaderState()}); fsck reports it.
     */
    public static String headerProblem(byte[] h, Checksums checksums, Region region) {
        if (Le.i32(h, JOURNAL_HEADER.off("magic")) != JOURNAL_HEADER_MAGIC) {
            return "bad magic";
        }
        if (!checksums.blockValid(h, region.start())) {
            return "checksum mismatch";
        }
        long start = Le.u64(h, JOURNAL_HEADER.off("start"));
        if (Le.u32(h, JOURNAL_HEADER.off("version")) != 1 || Le.u64(h, JOURNAL_HEADER.off("length")) != region.length()
                || start < 1 || start >= region.length()) {
            return "version, start or length inconsistent with a journal of " + region.length() + " blocks";
        }
        return null;
    }

    /** Reads the transaction at {@code head} with {@code sequence}; advances past it, or returns null. */
    private Map<Long, byte[]> readTransaction(LongPredicate validTarget) throws VexfsException {
        long pos = head;
        Map<Long, byte[]> images = new LinkedHashMap<>();
        CRC32 crc = new CRC32();
        int total = 0;
        while (true) {
            if (pos >= region.length()) {
                return null;
            }
            byte[] b = device.readBlock(region.start() + pos);
            int magic = Le.i32(b, 0);
            if (!checksums.blockValid(b, region.start() + pos) || Le.u64(b, 8) != sequence) {
                return null;
            }
            if (magic == JOURNAL_COMMIT_MAGIC) {
                long count = Le.u32(b, JOURNAL_COMMIT.off("image_count"));
                int imagesCrc = Le.i32(b, JOURNAL_COMMIT.off("images_crc"));
                if (count != total || imagesCrc != (int) crc.getValue() || total == 0) {
                    return null;
                }
                head = pos + 1;
                sequence++;
                return images;
            }
            if (magic != JOURNAL_DESC_MAGIC) {
                return null;
            }
            long count = Le.u32(b, JOURNAL_DESCRIPTOR.off("count"));
            if (count < 1 || count > JOURNAL_TAGS_PER_DESCRIPTOR || count > region.length() - pos - 2) {
                return null;
            }
            int tags = JOURNAL_DESCRIPTOR.off("targets");
            for (int i = 0; i < count; i++) {
                long target = Le.u64(b, tags + 8 * i);
                if (!validTarget.test(target)) {
                    return null;
                }
                byte[] img = device.readBlock(region.start() + pos + 1 + i);
                updateImagesCrc(crc, img);
                images.put(target, img);
                total++;
            }
            pos += 1 + count;
        }
    }

    /**
     * Adds one image to the commit's {@code images_crc}, a CRC-32 (IEEE polynomial), not a CRC32C:
     * images end in their own CRC32C block checksum and inode-table images hold one CRC32C per inode,
     * and a CRC32C run over data followed by that data's CRC32C ends in the same state whatever the
     * data was. A CRC32C here was blind to stale images (found by crash-state enumeration: a commit
     * whose images had not all landed replayed the previous transaction's images).
     */
    static void updateImagesCrc(CRC32 crc, byte[] img) {
        crc.update(img, 0, BLOCK_SIZE);
    }

    /** Blocks a transaction of {@code images} images occupies in the log. */
    public static long blocksFor(int images) {
        return (images + JOURNAL_TAGS_PER_DESCRIPTOR - 1) / JOURNAL_TAGS_PER_DESCRIPTOR + images + 1L;
    }

    /** Largest transaction (in images) the journal can ever hold. */
    public int capacityImages() {
        long usable = region.length() - 1;
        long groups = (usable - 1 + JOURNAL_TAGS_PER_DESCRIPTOR) / (JOURNAL_TAGS_PER_DESCRIPTOR + 1);
        return (int) Math.min(Integer.MAX_VALUE, usable - 1 - groups);
    }

    /** Blocks of the log in use (header included): where the next transaction goes. */
    public long usedBlocks() {
        return head;
    }

    /** The journal region's length in blocks. */
    public long lengthBlocks() {
        return region.length();
    }

    /** True if a transaction of {@code images} images fits after the current head. */
    public boolean fits(int images) {
        return head + blocksFor(images) <= region.length();
    }

    /**
     * Resets the log to its start. Precondition: every checkpointed home write is durable (the
     * caller forced the device). The header is written but not forced: the caller must force before
     * it writes the next transaction, which overwrites the old log (with the old header and part of
     * the old log, replay would apply a prefix of old transactions over newer home blocks).
     */
    public void reset() throws VexfsException {
        // the zeroed first log block keeps a stale transaction from posing as the log's start should
        // this header write be torn (see rebuildHeaderState)
        device.write(region.start(), new byte[][] {encodeHeader(checksums, region, sequence, 1), new byte[BLOCK_SIZE]});
        head = 1;
        headerSequence = sequence;
        loggedTargets.clear();
    }

    /**
     * True if replay could write an image to one of {@code blocks}: a block that the live log holds an
     * image of must not take unjournaled data (file data written in place) until the log is reset, or a
     * crash would replay the stale image over the data (physical journaling's revoke problem).
     */
    public boolean logsAny(java.util.Collection<Long> blocks) {
        if (loggedTargets.isEmpty()) {
            return false;
        }
        for (Long b : blocks) {
            if (loggedTargets.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** Writes one transaction (descriptors, images, commit) to the log; the caller forces afterwards. */
    public void write(Map<Long, byte[]> images) throws VexfsException {
        if (images.isEmpty()) {
            return;
        }
        if (!fits(images.size())) {
            throw new VexfsException(VexfsError.ENOSPC, "journal: transaction of " + images.size()
                    + " blocks does not fit (capacity " + capacityImages() + ")");
        }
        List<byte[]> out = new ArrayList<>();
        List<Map.Entry<Long, byte[]>> entries = new ArrayList<>(images.entrySet());
        CRC32 crc = new CRC32();
        long pos = head;
        for (int i = 0; i < entries.size(); i += JOURNAL_TAGS_PER_DESCRIPTOR) {
            int n = Math.min(JOURNAL_TAGS_PER_DESCRIPTOR, entries.size() - i);
            byte[] d = new byte[BLOCK_SIZE];
            Le.put32(d, JOURNAL_DESCRIPTOR.off("magic"), JOURNAL_DESC_MAGIC);
            Le.put32(d, JOURNAL_DESCRIPTOR.off("count"), n);
            Le.put64(d, JOURNAL_DESCRIPTOR.off("sequence"), sequence);
            for (int k = 0; k < n; k++) {
                Le.put64(d, JOURNAL_DESCRIPTOR.off("targets") + 8 * k, entries.get(i + k).getKey());
                loggedTargets.add(entries.get(i + k).getKey());
            }
            checksums.sealBlock(d, region.start() + pos);
            out.add(d);
            pos++;
            for (int k = 0; k < n; k++) {
                byte[] img = entries.get(i + k).getValue();
                updateImagesCrc(crc, img);
                out.add(img);
                pos++;
            }
        }
        byte[] c = new byte[BLOCK_SIZE];
        Le.put32(c, JOURNAL_COMMIT.off("magic"), JOURNAL_COMMIT_MAGIC);
        Le.put32(c, JOURNAL_COMMIT.off("image_count"), entries.size());
        Le.put64(c, JOURNAL_COMMIT.off("sequence"), sequence);
        Le.put32(c, JOURNAL_COMMIT.off("images_crc"), crc.getValue());
        Le.put64(c, JOURNAL_COMMIT.off("commit_time"), System.currentTimeMillis() / 1000);
        checksums.sealBlock(c, region.start() + pos);
        out.add(c);
        device.write(region.start() + head, out.toArray(new byte[0][]));
        head = pos + 1;
        sequence++;
    }

    /** True if the log holds transactions past the header's start (replay would apply them). */
    public boolean hasLoggedTransactions() {
        return sequence != headerSequence;
    }

    public long sequence() {
        return sequence;
    }
}
