package io.vexfs.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.journal.Journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;

/**
 * The buffer layer between the engine and the device: a weight-bounded cache of clean metadata
 * blocks, the running transaction's dirty metadata (journaled at commit) and dirty data (written in
 * place before the commit, ordered mode). Mutations happen under the volume's write lock; reads may
 * run concurrently with each other.
 */
public final class BlockStore {
    private final BlockDevice device;
    private final Checksums checksums;
    private final LongPredicate blockChecksummed;
    private final Cache<Long, byte[]> clean;
    private final Map<Long, byte[]> overlay = new HashMap<>();
    private final LinkedHashMap<Long, byte[]> dirtyMeta = new LinkedHashMap<>();
    private final HashMap<Long, byte[]> dirtyData = new HashMap<>();
    /**
     * A transaction whose journal record is written but not yet forced (see {@link #commitAsync}):
     * its images are what readers must see until they are checkpointed home.
     */
    private final HashMap<Long, byte[]> committingMeta = new HashMap<>();
    private final HashMap<Long, byte[]> committingData = new HashMap<>();
    /** Transactions begun (journal record written) so far, and how many of them a force made durable. */
    private long pendingId;
    private long forcedId;
    /**
     * Durable transactions may wait in memory this long before their images are written home:
     * deferring the checkpoint writes each home block once for many commits (as jbd2 does), and
     * keeps the group commit's forces down to the journal's sequential writes.
     */
    private static final int CHECKPOINT_LAG_BLOCKS = 4096;

    /**
     * @param blockChecksummed which metadata blocks carry a block checksum (all but inode-table blocks)
     */
    public BlockStore(BlockDevice device, Checksums checksums, LongPredicate blockChecksummed, long cacheBytes) {
        this.device = device;
        this.checksums = checksums;
        this.blockChecksummed = blockChecksummed;
        this.clean = Caffeine.newBuilder().maximumWeight(Math.max(cacheBytes, 1L << 20))
                .weigher((Long k, byte[] v) -> v.length).build();
    }

    public BlockDevice device() {
        return device;
    }

    /** Installs replayed journal images that must be seen instead of the device (read-only recovery). */
    public void installOverlay(Map<Long, byte[]> images) {
        overlay.putAll(images);
    }

    /**
     * The current contents of metadata block {@code blk}; the caller must not modify the array.
     * A block loaded from the device has its checksum verified (EBADMSG naming {@code what}).
     */
    public byte[] readMeta(long blk, String what) throws VexfsException {
        byte[] b = dirtyMeta.get(blk);
        if (b != null) {
            return b;
        }
        b = committingMeta.get(blk);
        if (b != null) {
            return b;
        }
        b = overlay.get(blk);
        if (b != null) {
            return b;
        }
        b = clean.getIfPresent(blk);
        if (b != null) {
            return b;
        }
        checkBlock(blk, what);
        b = device.readBlock(blk);
        if (blockChecksummed.test(blk) && !checksums.blockValid(b, blk)) {
            throw new VexfsException(VexfsError.EBADMSG, what + " (block " + blk + "): checksum mismatch");
        }
        clean.put(blk, b);
        return b;
    }

    private void checkBlock(long blk, String what) throws VexfsException {
        if (blk <= 0 || blk >= device.blockCount()) {
            throw new VexfsException(VexfsError.EUCLEAN, what + ": block " + blk + " outside the volume");
        }
    }

    /** A writable copy of metadata block {@code blk} in the running transaction. */
    public byte[] modifyMeta(long blk, String what) throws VexfsException {
        byte[] b = dirtyMeta.get(blk);
        if (b != null) {
            return b;
        }
        b = readMeta(blk, what).clone();
        dirtyMeta.put(blk, b);
        modCount++;
        return b;
    }

    /** A zeroed writable metadata block (for a newly allocated block; its old contents are irrelevant). */
    public byte[] newMeta(long blk) throws VexfsException {
        checkBlock(blk, "new metadata block");
        byte[] b = new byte[BLOCK_SIZE];
        dirtyMeta.put(blk, b);
        modCount++;
        clean.invalidate(blk);
        return b;
    }

    /** Forgets a freed block: its pending writes are dropped and cached copies evicted. */
    public void forget(long blk) {
        modCount++;
        dirtyMeta.remove(blk);
        if (dirtyData.remove(blk) != null) {
            dirtyDataBytes -= BLOCK_SIZE;
        }
        clean.invalidate(blk);
        overlay.remove(blk);
    }

    private long dirtyDataBytes;
    private long modCount;

    /** Increases with every change to pending state (lets callers tell whether an operation changed anything). */
    public long modCount() {
        return modCount;
    }

    /** Records a change made outside the store (dirty inodes, allocator state). */
    public void touched() {
        modCount++;
    }

    public int dirtyMetaCount() {
        return dirtyMeta.size();
    }

    public long dirtyDataBytes() {
        return dirtyDataBytes;
    }

    /** True if data block {@code blk} has unwritten changes. */
    public boolean hasDirtyData() {
        return !dirtyData.isEmpty() || !committingData.isEmpty();
    }

    /** The pending contents of data block {@code blk}, or null if it has none. */
    public byte[] dirtyData(long blk) {
        byte[] d = dirtyData.get(blk);
        return d != null ? d : committingData.get(blk);
    }

    /** Reads {@code len} bytes at {@code off} of data block {@code blk} (pending writes included). */
    public void readData(long blk, int off, byte[] dst, int dstOff, int len) throws VexfsException {
        byte[] d = dirtyData(blk);
        if (d != null) {
            System.arraycopy(d, off, dst, dstOff, len);
            return;
        }
        device.read(blk * BLOCK_SIZE + off, dst, dstOff, len);
    }

    /**
     * The writable pending contents of data block {@code blk}; with {@code fresh} the block starts as
     * zeros (newly allocated), otherwise with its current contents.
     */
    public byte[] dataForWrite(long blk, boolean fresh) throws VexfsException {
        byte[] d = dirtyData.get(blk);
        if (d != null) {
            return d;
        }
        byte[] committing = committingData.get(blk);
        if (committing != null && !fresh) {
            d = committing.clone();
        } else {
            d = new byte[BLOCK_SIZE];
            if (!fresh) {
                device.read(blk * BLOCK_SIZE, d, 0, BLOCK_SIZE);
            }
        }
        dirtyData.put(blk, d);
        dirtyDataBytes += BLOCK_SIZE;
        modCount++;
        return d;
    }

    /** Hands a whole new block of data (ownership transfers). */
    public void putData(long blk, byte[] block) {
        modCount++;
        if (dirtyData.put(blk, block) == null) {
            dirtyDataBytes += BLOCK_SIZE;
        }
    }

    /**
     * Writes pending data blocks in place without a barrier and forgets them (ordered-mode
     * writeback): they are either newly allocated (nothing committed points at them yet, and blocks
     * freed by the running transaction are never reused before it commits) or in-place overwrites.
     * The next commit forces before its journal record, so they still precede the metadata.
     */
    public void writeBackData() throws VexfsException {
        settlePending();
        if (!dirtyData.isEmpty()) {
            writeSorted(new TreeMap<>(dirtyData));
            writtenBack.addAll(dirtyData.keySet());
            dirtyData.clear();
            dirtyDataBytes = 0;
            dataWrittenSinceCommit = true;
        }
    }

    private boolean dataWrittenSinceCommit;
    /** Blocks written back since the last commit (the commit checks them against the live log). */
    private final java.util.Set<Long> writtenBack = new java.util.HashSet<>();

    /**
     * Commits the running transaction: data in place, barrier, journal record, barrier, checkpoint
     * (ordered mode); a transaction with little data journals the data too and needs one barrier.
     * After it returns normally every change so far is durable. Any failure is final for the volume.
     */
    public void commit(Journal journal) throws VexfsException {
        settlePending();
        boolean wroteData = dataWrittenSinceCommit;
        dataWrittenSinceCommit = false;
        // data going to a block the live log still holds an image of: retire the log before this commit
        boolean reusesLogged = journal.logsAny(dirtyData.keySet()) || journal.logsAny(writtenBack);
        writtenBack.clear();
        if (!wroteData && !dirtyData.isEmpty() && dirtyData.size() <= journaledDataLimit()
                && dirtyMeta.size() + dirtyData.size() <= journal.capacityImages()) {
            commitJournalingData(journal);
            return;
        }
        if (!dirtyData.isEmpty()) {
            writeSorted(new TreeMap<>(dirtyData));
            dirtyData.clear();
            dirtyDataBytes = 0;
            wroteData = true;
        }
        if (dirtyMeta.isEmpty()) {
            device.force();
            if (reusesLogged) {
                journal.reset();
                device.force();
            }
            return;
        }
        sealMeta();
        if (!journal.fits(dirtyMeta.size()) || reusesLogged) {
            device.force();
            journal.reset();
            wroteData = true;
        }
        if (wroteData) {
            device.force();
        }
        journal.write(dirtyMeta);
        device.force();
        writeSorted(new TreeMap<>(dirtyMeta));
        for (Map.Entry<Long, byte[]> e : dirtyMeta.entrySet()) {
            clean.put(e.getKey(), e.getValue());
        }
        dirtyMeta.clear();
    }

    /** Transactions with at most this many data blocks journal their data too (system property for tests). */
    private static int journaledDataLimit() {
        return Integer.getInteger("vexfs.journaledDataBlocks", 32);
    }

    /**
     * A small transaction journals its data blocks with its metadata: one force makes both durable
     * (instead of a force for the data and another for the journal record), then everything is
     * checkpointed home. Replay writes the data images in log order, so no reset is needed for
     * blocks the live log already holds.
     */
    private void commitJournalingData(Journal journal) throws VexfsException {
        sealMeta();
        LinkedHashMap<Long, byte[]> images = new LinkedHashMap<>(dirtyMeta);
        images.putAll(dirtyData);
        if (!journal.fits(images.size())) {
            device.force();
            journal.reset();
            device.force();
        }
        journal.write(images);
        device.force();
        writeSorted(new TreeMap<>(images));
        for (Map.Entry<Long, byte[]> e : dirtyMeta.entrySet()) {
            clean.put(e.getKey(), e.getValue());
        }
        dirtyMeta.clear();
        dirtyData.clear();
        dirtyDataBytes = 0;
    }

    /**
     * Starts a commit that waits for the device outside the volume lock (group commit). If the
     * transaction qualifies for journaling its data, writes its journal record without forcing and
     * returns an id for {@link #forcePending()} and {@link #checkpointPending(long)}; readers see its
     * images meanwhile. Otherwise commits fully, as {@link #commit}, and returns -1. Under the write lock.
     */
    public long commitAsync(Journal journal) throws VexfsException {
        if (!dataWrittenSinceCommit && dirtyMeta.isEmpty() && dirtyData.isEmpty()) {
            // nothing new: the caller's changes are in a begun transaction, or already durable
            return pendingId > forcedId ? pendingId : -1;
        }
        if (dataWrittenSinceCommit || dirtyData.size() > journaledDataLimit()
                || dirtyMeta.size() + dirtyData.size() > journal.capacityImages()) {
            commit(journal);
            return -1;
        }
        writtenBack.clear();
        sealMeta();
        LinkedHashMap<Long, byte[]> images = new LinkedHashMap<>(dirtyMeta);
        images.putAll(dirtyData);
        if (!journal.fits(images.size())) {
            settlePending(); // the log is reset only once every logged transaction is home
            device.force();
            journal.reset();
            device.force();
        }
        journal.write(images);
        // a block freed and reused since an earlier pending transaction may change role (a directory
        // leaf becomes file data, or back): only the newest image of a block may reach home
        committingData.keySet().removeAll(dirtyMeta.keySet());
        committingMeta.keySet().removeAll(dirtyData.keySet());
        committingMeta.putAll(dirtyMeta);
        committingData.putAll(dirtyData);
        dirtyMeta.clear();
        dirtyData.clear();
        dirtyDataBytes = 0;
        modCount++;
        return ++pendingId;
    }

    /** The barrier that makes the pending journal records durable; needs no volume lock. */
    public void forcePending() throws VexfsException {
        device.force();
    }

    /** True if transaction {@code id} is known durable (a force that followed its journal record completed). */
    public boolean isForced(long id) {
        return id <= forcedId;
    }

    /**
     * Records that a force following the journal records of transactions up to {@code id} completed.
     * Their images stay in memory (readers see them) until enough accumulate or the log fills past
     * half: then every durable image is written home once, forced, and the log restarts. Under the
     * write lock.
     */
    public void checkpointPending(long id, Journal journal) throws VexfsException {
        forcedId = Math.max(forcedId, Math.min(id, pendingId));
        if (committingMeta.size() + committingData.size() > CHECKPOINT_LAG_BLOCKS
                || journal.usedBlocks() * 2 > journal.lengthBlocks()) {
            settlePending();
            device.force(); // the home images are durable before the log that holds them is dropped
            journal.reset();
            device.force(); // and the new header before new records overwrite the old log: replaying a
                            // prefix of the old log over newer home blocks would roll them back
        }
    }

    /**
     * Writes every begun transaction home (forcing their journal records first if a force has not
     * yet): the newest image of each block, once, in block order. Before anything else writes to the
     * device in place or resets the log. Under the write lock.
     */
    private void settlePending() throws VexfsException {
        if (committingMeta.isEmpty() && committingData.isEmpty()) {
            return;
        }
        if (pendingId > forcedId) {
            device.force();
            forcedId = pendingId;
        }
        TreeMap<Long, byte[]> home = new TreeMap<>(committingData);
        home.putAll(committingMeta);
        writeSorted(home);
        for (Map.Entry<Long, byte[]> e : committingMeta.entrySet()) {
            clean.put(e.getKey(), e.getValue());
        }
        committingMeta.clear();
        committingData.clear();
    }

    private void sealMeta() {
        for (Map.Entry<Long, byte[]> e : dirtyMeta.entrySet()) {
            if (blockChecksummed.test(e.getKey())) {
                checksums.sealBlock(e.getValue(), e.getKey());
            }
        }
    }

    /** Writes blocks in ascending order, one device call per contiguous run. */
    public void writeSorted(TreeMap<Long, byte[]> blocks) throws VexfsException {
        List<byte[]> run = new ArrayList<>();
        long runStart = -1;
        long next = -1;
        for (Map.Entry<Long, byte[]> e : blocks.entrySet()) {
            if (e.getKey() != next || run.size() >= 4096) {
                if (!run.isEmpty()) {
                    device.write(runStart, run.toArray(new byte[0][]));
                    run.clear();
                }
                runStart = e.getKey();
            }
            run.add(e.getValue());
            next = e.getKey() + 1;
        }
        if (!run.isEmpty()) {
            device.write(runStart, run.toArray(new byte[0][]));
        }
    }

    /** Drops every pending change (after a failed operation in an errored volume). */
    public void discardPending() {
        committingMeta.clear();
        committingData.clear();
        forcedId = pendingId;
        writtenBack.clear();
        dirtyMeta.clear();
        dirtyData.clear();
        dirtyDataBytes = 0;
        clean.invalidateAll();
    }
}
