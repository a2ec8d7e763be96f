package io.vexfs.core.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;
import io.vexfs.core.Access;
import io.vexfs.core.ChangeListener;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.FileType;
import io.vexfs.core.OpenMode;
import io.vexfs.core.TimesUpdate;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.alloc.BitmapAllocator;
import io.vexfs.core.cache.BlockStore;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.device.FileBlockDevice;
import io.vexfs.core.dir.DirRecord;
import io.vexfs.core.dir.Directory;
import io.vexfs.core.file.ExtentMap;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Region;
import io.vexfs.core.format.Superblock;
import io.vexfs.core.inode.Inode;
import io.vexfs.core.inode.InodeTable;
import io.vexfs.core.journal.Journal;
import io.vexfs.core.xattr.XattrList;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static io.vexfs.core.format.FormatStructs.BLOCK_SIZE;
import static io.vexfs.core.format.FormatStructs.ROOT_INODE;

/**
 * The engine behind {@link Volume}: owns the device, journal, allocators, inode cache and the
 * running transaction. Readers share a read lock; every mutation holds the write lock and either
 * completes or fails before changing anything (resources are checked up front); a failure after a
 * change takes the volume out of service (read-only, EIO) so a half-done change never commits.
 */
public final class VolumeEngine implements Volume {
    static final int MAX_SYMLINKS = 40;
    static final long LINK_MAX = 65000;
    /** Bytes one write call hands to the running transaction at a time. */
    static final int WRITE_CHUNK = 8 << 20;

    private final Path image;
    private final BlockDevice device;
    private final Superblock sb;
    private final Checksums checksums;
    private final BlockStore store;
    private final Journal journal;
    private final BitmapAllocator blocks;
    private final BitmapAllocator inodes;
    private final InodeTable inodeTable;
    private final FileData fileData;
    private final VolumeOptions options;
    private final boolean readOnly;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Cache<Long, Inode> inodeCache;
    private final Map<Long, Inode> dirtyInodes = new LinkedHashMap<>();
    private final Map<Long, Inode> openInodes = new HashMap<>();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<FileHandleImpl> handles = new CopyOnWriteArrayList<>();
    private final VectorCatalog vectors = new VectorCatalog();
    /** Positive directory-entry cache: (directory inode, name) -> entry. */
    private final Cache<DentryKey, DirRecord> dentries;

    private record DentryKey(long dir, String name) {
    }
    private volatile VexfsException failure;
    /** Mount count and cleanliness as found at open: a persisted graph is valid only if stamped with it. */
    private final long openedMountCount;
    private final boolean openedClean;
    /** A vector changed while the catalog was not loaded: persisted graphs are stale. */
    private boolean graphsStale;
    private volatile boolean closed;
    /** Coalesces concurrent sync calls; started by the first sync of a writable volume. */
    private volatile GroupCommitter groupCommitter;

    private VolumeEngine(Path image, BlockDevice device, Superblock sb, VolumeOptions options, boolean readOnly,
                         List<Map<Long, byte[]>> recovered) throws VexfsException {
        this.image = image;
        this.device = device;
        this.sb = sb;
        this.options = options;
        this.readOnly = readOnly;
        this.checksums = new Checksums(sb.uuid);
        this.openedMountCount = sb.mountCount;
        this.openedClean = sb.isClean();
        Region table = sb.region(FormatStructs.REGION_INODE_TABLE);
        this.store = new BlockStore(device, checksums, blk -> !table.contains(blk), options.metadataCacheBytes());
        Region jr = sb.region(FormatStructs.REGION_JOURNAL);
        this.journal = Journal.open(device, checksums, jr, this::isJournalTarget, recovered);
        Map<Long, byte[]> replay = new LinkedHashMap<>();
        for (Map<Long, byte[]> tx : recovered) {
            replay.putAll(tx);
        }
        if (!replay.isEmpty()) {
            if (readOnly) {
                store.installOverlay(replay);
            } else {
                store.writeSorted(new java.util.TreeMap<>(replay));
                device.force();
            }
        }
        if (!readOnly && journal.hasLoggedTransactions()) {
            journal.reset();
            device.force();
        }
        Region data = sb.region(FormatStructs.REGION_DATA);
        this.blocks = new BitmapAllocator(store, sb.region(FormatStructs.REGION_BLOCK_BITMAP), sb.totalBlocks,
                data.start(), sb.freeBlocks, "block");
        this.inodes = new BitmapAllocator(store, sb.region(FormatStructs.REGION_INODE_BITMAP), sb.totalInodes, 1,
                sb.freeInodes, "inode");
        this.inodeTable = new InodeTable(store, checksums, table, sb.totalInodes, sb.totalBlocks);
        this.fileData = new FileData(store, blocks);
        this.inodeCache = Caffeine.newBuilder().maximumSize(Math.max(64, options.inodeCacheEntries())).build();
        this.dentries = Caffeine.newBuilder().maximumSize(Math.max(64, options.inodeCacheEntries() * 2)).build();
        if (!sb.isClean() || !replay.isEmpty()) {
            blocks.recount();
            inodes.recount();
        }
        Inode rootInode = getInode(ROOT_INODE); // validates the root
        for (java.util.Map.Entry<String, byte[]> e : xattrs(rootInode).entries().entrySet()) {
            if (e.getKey().startsWith(VectorCodec.SPACE_PREFIX)) {
                String name = e.getKey().substring(VectorCodec.SPACE_PREFIX.length());
                vectors.defineSpace(VectorCodec.decodeSpec(name, e.getValue()));
            }
        }
        if (!readOnly) {
            if (!sb.isClean()) {
                reclaimOrphans();
            }
            sb.state &= ~FormatStructs.STATE_CLEAN;
            sb.mountCount++;
            sb.writeTime = System.currentTimeMillis() / 1000;
            writeSuperblocks();
        }
    }

    /** Opens the volume in {@code image}. */
    public static VolumeEngine open(Path image, VolumeOptions options) throws VexfsException {
        FileBlockDevice dev = FileBlockDevice.open(image, options.readOnly());
        try {
            return open(image, dev, options);
        } catch (VexfsException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /** Opens a volume on any device (tests, crash simulation, fuzzing). */
    public static VolumeEngine open(Path image, BlockDevice dev, VolumeOptions options) throws VexfsException {
        Superblock sb = readSuperblock(dev);
        boolean ro = options.readOnly() || dev.isReadOnly();
        long unknownRo = sb.featureRoCompat & ~io.vexfs.api.FormatFeatures.RO_COMPAT_KNOWN;
        if (unknownRo != 0 && !ro) {
            throw new VexfsException(VexfsError.EROFS, image + ": unknown read-only-compatible features 0x"
                    + Long.toHexString(unknownRo) + "; open it read-only");
        }
        if ((sb.state & FormatStructs.STATE_ERROR) != 0 && !ro) {
            // an earlier session hit an I/O error: the journal holds the truth; replay recovers it
            sb.state &= ~FormatStructs.STATE_ERROR;
        }
        try {
            return new VolumeEngine(image, dev, sb, options, ro, new ArrayList<>());
        } catch (RuntimeException e) {
            throw new VexfsException(VexfsError.EUCLEAN, image + ": corrupt volume: " + e, e);
        }
    }

    /** Reads the primary superblock, falling back to the backup (then the volume counts as unclean). */
    static Superblock readSuperblock(BlockDevice dev) throws VexfsException {
        try {
            return Superblock.decode(dev.readBlock(0), 0, dev.blockCount());
        } catch (VexfsException primary) {
            // the backup lives in the last block of the volume; try the device's last block
            long last = dev.blockCount() - 1;
            try {
                Superblock s = Superblock.decode(dev.readBlock(last), last, dev.blockCount());
                if (s.totalBlocks - 1 != last) {
                    throw primary;
                }
                s.state &= ~FormatStructs.STATE_CLEAN;
                return s;
            } catch (VexfsException backup) {
                primary.addSuppressed(backup);
                throw primary;
            }
        }
    }

    private boolean isJournalTarget(long blk) {
        Region j = sb.region(FormatStructs.REGION_JOURNAL);
        return blk > 0 && blk < sb.totalBlocks - 1 && !j.contains(blk);
    }

    private void writeSuperblocks() throws VexfsException {
        sb.freeBlocks = blocks.free();
        sb.freeInodes = inodes.free();
        device.writeBlock(0, sb.encode(0));
        device.force();
        device.writeBlock(sb.totalBlocks - 1, sb.encode(sb.totalBlocks - 1));
        device.force();
    }

    // ------------------------------------------------------------ inodes

    Inode getInode(long ino) throws VexfsException {
        Inode in = dirtyInodes.get(ino);
        if (in != null) {
            return in;
        }
        synchronized (openInodes) {
            in = openInodes.get(ino);
        }
        if (in != null) {
            return in;
        }
        in = inodeCache.getIfPresent(ino);
        if (in != null) {
            return in;
        }
        in = inodeTable.load(ino);
        inodeCache.put(ino, in);
        return in;
    }

    private void markDirty(Inode in) {
        dirtyInodes.put(in.ino, in);
        store.touched();
    }

    private Directory dir(Inode in) {
        return new Directory(store, blocks, in, sb.dirHashSeed);
    }

    private DirRecord lookupEntry(Inode parent, byte[] name) throws VexfsException {
        DentryKey key = new DentryKey(parent.ino, new String(name, StandardCharsets.UTF_8));
        DirRecord r = dentries.getIfPresent(key);
        if (r == null) {
            r = dir(parent).lookup(name);
            if (r != null) {
                dentries.put(key, r);
            }
        }
        return r;
    }

    private void dirInsert(Inode parent, byte[] name, long ino, int type) throws VexfsException {
        dir(parent).insert(name, ino, type);
        vectors.entryAdded(parent.ino, new String(name, StandardCharsets.UTF_8), ino);
    }

    private void dirRemove(Inode parent, byte[] name) throws VexfsException {
        dentries.invalidate(new DentryKey(parent.ino, new String(name, StandardCharsets.UTF_8)));
        DirRecord r = dir(parent).remove(name);
        if (r != null) {
            vectors.entryRemoved(parent.ino, new String(name, StandardCharsets.UTF_8), r.inode());
        }
    }

    private void dirReplace(Inode parent, byte[] name, long oldIno, long ino, int type) throws VexfsException {
        dentries.invalidate(new DentryKey(parent.ino, new String(name, StandardCharsets.UTF_8)));
        dir(parent).replace(name, ino, type);
        String n = new String(name, StandardCharsets.UTF_8);
        vectors.entryRemoved(parent.ino, n, oldIno);
        vectors.entryAdded(parent.ino, n, ino);
    }

    private XattrList xattrs(Inode in) throws VexfsException {
        if (in.xattrs == null) {
            XattrList x;
            if (in.xattrBlock != 0) {
                x = XattrList.decodeBlock(store.readMeta(in.xattrBlock, "inode " + in.ino + " xattr block"), in.ino,
                        in.xattrBlock);
            } else {
                byte[] inline = inodeTable.inlineXattr(in.ino);
                x = XattrList.decode(inline, 0, inline.length, -1, "inode " + in.ino + " inline xattrs");
            }
            in.xattrs = x;
        }
        return in.xattrs;
    }

    private Inode allocInode(int mode, long goal) throws VexfsException {
        long ino = inodes.allocate(Math.max(0, goal - 1), 1)[0] + 1;
        int gen = inodeTable.slotGeneration(ino) + 1;
        Inode in = new Inode(ino);
        in.mode = mode;
        in.uid = options.uid() < 0 ? 0 : options.uid();
        in.gid = options.gid() < 0 ? 0 : options.gid();
        long now = now();
        in.atime = in.mtime = in.ctime = in.crtime = now;
        in.generation = gen == 0 ? 1 : gen;
        in.extents = ExtentMap.empty(ino);
        in.xattrs = new XattrList();
        inodeCache.invalidate(ino);
        markDirty(in);
        return in;
    }

    /** Releases an inode whose last link and handle are gone: blocks, xattr block, slot. */
    private void freeInode(Inode in) throws VexfsException {
        if (!vectors.loaded() && !vectors.specs().isEmpty() && in.type() == FileType.REGULAR) {
            for (String n : xattrs(in).names()) {
                if (n.startsWith(VectorCodec.VECTOR_PREFIX)) {
                    graphsStale = true;
                    break;
                }
            }
        }
        fileData.freeAll(in);
        if (in.xattrBlock != 0) {
            store.forget(in.xattrBlock);
            blocks.free(in.xattrBlock, 1);
            in.xattrBlock = 0;
        }
        dirtyInodes.remove(in.ino);
        inodeCache.invalidate(in.ino);
        inodeTable.clear(in.ino, in.generation);
        inodes.free(in.ino - 1, 1);
        vectors.inodeFreed(in.ino);
    }

    private void dropLink(Inode in) throws VexfsException {
        in.nlink--;
        in.ctime = now();
        boolean open;
        synchronized (openInodes) {
            open = in.openCount > 0;
        }
        if (in.nlink <= 0 && !open) {
            freeInode(in);
        } else {
            markDirty(in);
        }
    }

    /** Frees inodes left with no links (unlinked while open when the volume went down). */
    private void reclaimOrphans() throws VexfsException {
        for (long ino = 2; ino <= sb.totalInodes; ino++) {
            if (!inodes.isSet(ino - 1) || !inodeTable.slotInUse(ino)) {
                continue;
            }
            Inode in = inodeTable.load(ino);
            if (in.nlink == 0) {
                freeInode(in);
            }
        }
        if (store.dirtyMetaCount() > 0 || !dirtyInodes.isEmpty()) {
            commitLocked();
        }
    }

    private static long now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    // ------------------------------------------------------------ commit

    private void commitLocked() throws VexfsException {
        commitLocked(false);
    }

    /**
     * Commits the running transaction. With {@code async} a small transaction's journal record is
     * only written, and the returned id (else -1) is owed {@code store.forcePending()} and
     * {@code store.checkpointPending(id)} (see {@link #commitNow()}).
     */
    private long commitLocked(boolean async) throws VexfsException {
        checkUsable();
        if (readOnly) {
            return -1;
        }
        try {
            for (Inode in : dirtyInodes.values()) {
                if (in.extents.changed()) {
                    in.extents.writeTree(store);
                }
                byte[] inline = null;
                if (in.xattrs != null) {
                    inline = encodeXattrs(in);
                }
                inodeTable.store(in, inline);
            }
            dirtyInodes.clear();
            blocks.applyPendingFrees();
            inodes.applyPendingFrees();
            if (async) {
                return store.commitAsync(journal);
            }
            store.commit(journal);
            return -1;
        } catch (VexfsException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Places the xattr list inline or in its block; returns the inline bytes. */
    private byte[] encodeXattrs(Inode in) throws VexfsException {
        byte[] enc = in.xattrs.encode();
        if (enc.length <= FormatStructs.INLINE_XATTR_MAX) {
            return enc;
        }
        in.xattrs.encodeBlock(store.modifyMeta(in.xattrBlock, "inode " + in.ino + " xattr block"), in.ino);
        return new byte[0];
    }

    /** Takes the volume out of service after a failure that may have left pending state half-done. */
    private VexfsException fail(Throwable e) {
        VexfsException ve = e instanceof VexfsException v && v.error() == VexfsError.EIO ? v
                : new VexfsException(VexfsError.EIO, image + ": volume taken out of service: " + e.getMessage(), e);
        if (failure == null) {
            failure = ve;
        }
        store.discardPending();
        dirtyInodes.clear();
        inodeCache.invalidateAll();
        dentries.invalidateAll();
        return ve;
    }

    private void checkUsable() throws VexfsException {
        if (closed) {
            throw new VexfsException(VexfsError.EIO, image + ": volume is closed");
        }
        if (failure != null) {
            throw new VexfsException(VexfsError.EIO, image + ": volume is out of service after an earlier error ("
                    + failure.getMessage() + "); reopen it to recover from the journal");
        }
    }

    /** A mutation: body runs under the write lock with resources checked first. */
    interface Mutation<T> {
        T run(List<Runnable> events) throws VexfsException;
    }

    <T> T mutate(String path, Mutation<T> body) throws VexfsException {
        List<Runnable> events = new ArrayList<>();
        T result;
        lock.writeLock().lock();
        try {
            checkUsable();
            if (readOnly) {
                throw new VexfsException(VexfsError.EROFS, path + ": volume is read-only");
            }
            if (store.dirtyMetaCount() + dirtyInodes.size() / 16 + 64 > journal.capacityImages() / 2) {
                commitLocked();
            } else if (store.dirtyDataBytes() > options.dirtyLimitBytes()) {
                try {
                    store.writeBackData();
                } catch (VexfsException e) {
                    throw fail(e);
                }
            }
            long before = store.modCount();
            opStartModCount = before;
            try {
                result = body.run(events);
            } catch (VexfsException e) {
                if (store.modCount() != before) {
                    fail(e);
                }
                throw e;
            } catch (RuntimeException e) {
                throw fail(e);
            }
        } finally {
            lock.writeLock().unlock();
        }
        for (Runnable r : events) {
            r.run();
        }
        return result;
    }

    <T> T read(Mutation<T> body) throws VexfsException {
        lock.readLock().lock();
        try {
            checkUsable();
            return body.run(null);
        } catch (RuntimeException e) {
            throw new VexfsException(VexfsError.EUCLEAN, image + ": corrupt metadata: " + e, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** modCount when the running mutation started: a commit is safe only while it is unchanged. */
    private long opStartModCount = -1;

    private void reserve(long blocksNeeded, long inodesNeeded, String path) throws VexfsException {
        boolean untouched = store.modCount() == opStartModCount;
        if (untouched && (blocks.free() - blocks.pendingFree() < blocksNeeded
                || inodes.free() - inodes.pendingFree() < inodesNeeded)
                && (blocks.pendingFree() > 0 || inodes.pendingFree() > 0)) {
            // space freed by the running transaction becomes allocatable once it commits
            commitLocked();
            opStartModCount = store.modCount();
        }
        if (blocks.free() < blocksNeeded) {
            throw new VexfsException(VexfsError.ENOSPC, path + ": no space left (" + blocks.free() + " free blocks, "
                    + blocksNeeded + " needed)");
        }
        if (inodes.free() < inodesNeeded) {
            throw new VexfsException(VexfsError.ENOSPC, path + ": no free inodes");
        }
    }

    private void event(List<Runnable> events, Inode dir, String dirPath, byte[] name, ChangeListener.Kind kind) {
        event(events, dir.ino, dirPath, name, kind);
    }

    private void event(List<Runnable> events, long dirIno, String dirPath, byte[] name, ChangeListener.Kind kind) {
        if (listeners.isEmpty()) {
            return;
        }
        String n = new String(name, StandardCharsets.UTF_8);
        events.add(() -> {
            for (ChangeListener l : listeners) {
                l.changed(dirPath, dirIno, n, kind);
            }
        });
    }

    // ---------------------------------------------------------- permissions

    private void checkPerm(Inode in, int mask, String path) throws VexfsException {
        if (options.uid() < 0 || mask == 0) {
            return;
        }
        int bits;
        if (in.uid == options.uid()) {
            bits = (in.mode >> 6) & 7;
        } else if (in.gid == options.gid()) {
            bits = (in.mode >> 3) & 7;
        } else {
            bits = in.mode & 7;
        }
        if ((bits & mask) != mask) {
            throw new VexfsException(VexfsError.EACCES, path + ": permission denied");
        }
    }

    private void checkOwner(Inode in, String path) throws VexfsException {
        if (options.uid() >= 0 && in.uid != options.uid()) {
            throw new VexfsException(VexfsError.EPERM, path + ": not the owner");
        }
    }

    // ------------------------------------------------------------ resolving

    static byte[] validName(String name, String path) throws VexfsException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length > FormatStructs.NAME_MAX) {
            throw new VexfsException(VexfsError.ENAMETOOLONG, path + ": name longer than 255 bytes");
        }
        if (b.length == 0 || name.indexOf('\0') >= 0) {
            throw new VexfsException(VexfsError.EINVAL, path + ": invalid name");
        }
        return b;
    }

    private static Deque<String> components(String path) throws VexfsException {
        if (path == null || !path.startsWith("/")) {
            throw new VexfsException(VexfsError.EINVAL, path + ": path must be absolute");
        }
        if (path.indexOf('\0') >= 0) {
            throw new VexfsException(VexfsError.EINVAL, path + ": path contains NUL");
        }
        Deque<String> d = new ArrayDeque<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                d.addLast(c);
            }
        }
        return d;
    }

    /**
     * Resolves {@code path}. With {@code followFinal} a final symlink is followed; with
     * {@code allowMissing} a missing final component yields {@code inode == null} (its parent must exist).
     */
    Resolved resolve(String path, boolean followFinal, boolean allowMissing) throws VexfsException {
        Deque<String> todo = components(path);
        Inode cur = getInode(ROOT_INODE);
        List<String> canon = new ArrayList<>();
        int links = 0;
        if (todo.isEmpty()) {
            return new Resolved(cur, null, null, canon);
        }
        while (true) {
            String c = todo.pollFirst();
            boolean last = todo.isEmpty();
            if (!cur.isDir()) {
                throw new VexfsException(VexfsError.ENOTDIR, path + ": a component is not a directory");
            }
            checkPerm(cur, Access.EXECUTE, path);
            if (c.equals(".") || c.equals("..")) {
                if (c.equals("..") && cur.ino != ROOT_INODE) {
                    cur = getInode(dir(cur).parent());
                    canon.removeLast();
                }
                if (last) {
                    return new Resolved(cur, null, null, canon);
                }
                continue;
            }
            byte[] name = validName(c, path);
            DirRecord rec = lookupEntry(cur, name);
            if (rec == null) {
                if (last && allowMissing) {
                    List<String> cc = new ArrayList<>(canon);
                    cc.add(c);
                    return new Resolved(null, cur, name, cc);
                }
                throw new VexfsException(VexfsError.ENOENT, path + ": no such file or directory");
            }
            Inode child = getInode(rec.inode());
            if (child.type() == FileType.SYMLINK && (!last || followFinal)) {
                if (++links > MAX_SYMLINKS) {
                    throw new VexfsException(VexfsError.ELOOP, path + ": too many levels of symbolic links");
                }
                String target = new String(symlinkTarget(child), StandardCharsets.UTF_8);
                if (target.startsWith("/")) {
                    cur = getInode(ROOT_INODE);
                    canon.clear();
                }
                List<String> parts = new ArrayList<>();
                for (String p : target.split("/")) {
                    if (!p.isEmpty()) {
                        parts.add(p);
                    }
                }
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (todo.isEmpty()) {
                    return new Resolved(cur, null, null, canon);
                }
                continue;
            }
            if (last) {
                List<String> cc = new ArrayList<>(canon);
                cc.add(c);
                return new Resolved(child, cur, name, cc);
            }
            canon.add(c);
            cur = child;
        }
    }

    private byte[] symlinkTarget(Inode in) throws VexfsException {
        if (in.inlineSymlink != null) {
            return in.inlineSymlink.clone();
        }
        if (in.size < 1 || in.size > FormatStructs.SYMLINK_MAX) {
            throw new VexfsException(VexfsError.EUCLEAN, "symlink inode " + in.ino + ": target length " + in.size);
        }
        ByteBuffer bb = ByteBuffer.allocate((int) in.size);
        fileData.read(in, 0, bb);
        return bb.array();
    }

    private Resolved existing(String path, boolean follow) throws VexfsException {
        return resolve(path, follow, false);
    }

    /** Resolves the parent of a path to create; EEXIST if the final component exists. */
    private Resolved forCreate(String path) throws VexfsException {
        Resolved r = resolve(path, false, true);
        if (r.inode() != null || r.parent() == null) {
            throw new VexfsException(VexfsError.EEXIST, path + ": file exists");
        }
        checkPerm(r.parent(), Access.WRITE | Access.EXECUTE, path);
        return r;
    }

    // ------------------------------------------------------------ Volume

    @Override
    public Path image() {
        return image;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String label() {
        return sb.label;
    }

    @Override
    public String uuid() {
        return HexFormat.of().formatHex(sb.uuid);
    }

    @Override
    public VexfsStats statfs() throws VexfsException {
        return read(ev -> {
            if (!vectors.specs().isEmpty()) {
                ensureVectorsLoaded();
            }
            return new VexfsStats(BLOCK_SIZE, sb.totalBlocks, blocks.free(), sb.totalInodes, inodes.free(),
                    vectors.counts());
        });
    }

    @Override
    public FileStat stat(String path, boolean follow) throws VexfsException {
        return read(ev -> existing(path, follow).inode().stat());
    }

    @Override
    public Optional<FileStat> tryStat(String path, boolean follow) throws VexfsException {
        return read(ev -> {
            try {
                return Optional.of(existing(path, follow).inode().stat());
            } catch (VexfsException e) {
                if (e.error() == VexfsError.ENOENT) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void mkdir(String path, int permissions) throws VexfsException {
        mutate(path, ev -> {
            Resolved r = forCreate(path);
            Inode parent = r.parent();
            if (parent.nlink >= LINK_MAX) {
                throw new VexfsException(VexfsError.EMLINK, path + ": too many subdirectories");
            }
            reserve(16, 1, path);
            Inode d = allocInode(FormatStructs.S_IFDIR | (permissions & 07777), parent.ino);
            d.nlink = 2;
            Directory.format(store, blocks, d, parent.ino);
            dirInsert(parent, r.name(), d.ino, FormatStructs.FT_DIR);
            parent.nlink++;
            parent.mtime = parent.ctime = now();
            markDirty(parent);
            event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.CREATE);
            return null;
        });
    }

    @Override
    public void symlink(String path, String target) throws VexfsException {
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0) {
            throw new VexfsException(VexfsError.ENOENT, path + ": empty symlink target");
        }
        if (t.length > FormatStructs.SYMLINK_MAX) {
            throw new VexfsException(VexfsError.ENAMETOOLONG, path + ": symlink target longer than 4095 bytes");
        }
        if (target.indexOf('\0') >= 0) {
            throw new VexfsException(VexfsError.EINVAL, path + ": symlink target contains NUL");
        }
        mutate(path, ev -> {
            Resolved r = forCreate(path);
            reserve(16, 1, path);
            Inode s = allocInode(FormatStructs.S_IFLNK | 0777, r.parent().ino);
            s.nlink = 1;
            if (t.length <= FormatStructs.INLINE_SYMLINK_MAX) {
                s.flags |= FormatStructs.INODE_FLAG_INLINE_SYMLINK;
                s.inlineSymlink = t.clone();
                s.size = t.length;
            } else {
                fileData.write(s, 0, ByteBuffer.wrap(t));
            }
            dirInsert(r.parent(), r.name(), s.ino, FormatStructs.FT_SYMLINK);
            r.parent().mtime = r.parent().ctime = now();
            markDirty(r.parent());
            event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.CREATE);
            return null;
        });
    }

    @Override
    public String readlink(String path) throws VexfsException {
        return read(ev -> {
            Inode in = existing(path, false).inode();
            if (in.type() != FileType.SYMLINK) {
                throw new VexfsException(VexfsError.EINVAL, path + ": not a symbolic link");
            }
            return new String(symlinkTarget(in), StandardCharsets.UTF_8);
        });
    }

    @Override
    public void link(String existingPath, String newPath) throws VexfsException {
        mutate(newPath, ev -> {
            Inode src = existing(existingPath, false).inode();
            if (src.isDir()) {
                throw new VexfsException(VexfsError.EPERM, existingPath + ": cannot hard-link a directory");
            }
            if (src.nlink >= LINK_MAX) {
                throw new VexfsException(VexfsError.EMLINK, existingPath + ": too many links");
            }
            Resolved r = forCreate(newPath);
            reserve(16, 0, newPath);
            dirInsert(r.parent(), r.name(), src.ino, src.type().direntCode());
            src.nlink++;
            src.ctime = now();
            markDirty(src);
            r.parent().mtime = r.parent().ctime = now();
            markDirty(r.parent());
            event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.CREATE);
            return null;
        });
    }

    @Override
    public void unlink(String path) throws VexfsException {
        mutate(path, ev -> {
            Resolved r = existing(path, false);
            if (r.parent() == null) {
                throw new VexfsException(VexfsError.EISDIR, path + ": is a directory");
            }
            Inode in = r.inode();
            if (in.isDir()) {
                throw new VexfsException(VexfsError.EISDIR, path + ": is a directory");
            }
            checkPerm(r.parent(), Access.WRITE | Access.EXECUTE, path);
            dirRemove(r.parent(), r.name());
            r.parent().mtime = r.parent().ctime = now();
            markDirty(r.parent());
            dropLink(in);
            event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.DELETE);
            return null;
        });
    }

    @Override
    public void rmdir(String path) throws VexfsException {
        mutate(path, ev -> {
            Resolved r = existing(path, false);
            Inode in = r.inode();
            if (in.ino == ROOT_INODE) {
                throw new VexfsException(VexfsError.EBUSY, path + ": cannot remove the root directory");
            }
            if (r.parent() == null) {
                throw new VexfsException(VexfsError.EINVAL, path + ": cannot remove '.' or '..'");
            }
            if (!in.isDir()) {
                throw new VexfsException(VexfsError.ENOTDIR, path + ": not a directory");
            }
            if (dir(in).entryCount() != 0) {
                throw new VexfsException(VexfsError.ENOTEMPTY, path + ": directory not empty");
            }
            checkPerm(r.parent(), Access.WRITE | Access.EXECUTE, path);
            dirRemove(r.parent(), r.name());
            r.parent().nlink--;
            r.parent().mtime = r.parent().ctime = now();
            markDirty(r.parent());
            in.nlink = 0;
            freeInode(in);
            event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.DELETE);
            return null;
        });
    }

    @Override
    public void rename(String from, String to, boolean noReplace) throws VexfsException {
        mutate(from, ev -> {
            Resolved src = existing(from, false);
            if (src.parent() == null) {
                throw new VexfsException(src.inode().ino == ROOT_INODE ? VexfsError.EBUSY : VexfsError.EINVAL,
                        from + ": cannot rename this directory");
            }
            Resolved dst = resolve(to, false, true);
            if (dst.parent() == null) {
                throw new VexfsException(dst.inode() != null && dst.inode().ino == ROOT_INODE ? VexfsError.EBUSY
                        : VexfsError.EINVAL, to + ": invalid rename target");
            }
            Inode moving = src.inode();
            checkPerm(src.parent(), Access.WRITE | Access.EXECUTE, from);
            checkPerm(dst.parent(), Access.WRITE | Access.EXECUTE, to);
            Inode target = dst.inode();
            if (target != null && noReplace) {
                // before the same-file shortcut, as renameat2(RENAME_NOREPLACE) does: an existing
                // target is EEXIST even when it is another link to the same file
                throw new VexfsException(VexfsError.EEXIST, to + ": file exists");
            }
            if (target != null && target.ino == moving.ino) {
                return null; // same file: nothing to do (POSIX)
            }
            if (moving.isDir()) {
                // the destination must not lie inside the directory being moved
                Inode p = dst.parent();
                int guard = 0;
                while (true) {
                    if (p.ino == moving.ino) {
                        throw new VexfsException(VexfsError.EINVAL, to + ": cannot move a directory into itself");
                    }
                    if (p.ino == ROOT_INODE) {
                        break;
                    }
                    if (++guard > 1_000_000) {
                        throw new VexfsException(VexfsError.EUCLEAN, to + ": directory parent chain loops");
                    }
                    p = getInode(dir(p).parent());
                }
            }
            if (target != null) {
                if (noReplace) {
                    throw new VexfsException(VexfsError.EEXIST, to + ": file exists");
                }
                if (target.isDir() && !moving.isDir()) {
                    throw new VexfsException(VexfsError.EISDIR, to + ": is a directory");
                }
                if (!target.isDir() && moving.isDir()) {
                    throw new VexfsException(VexfsError.ENOTDIR, to + ": not a directory");
                }
                if (target.isDir() && dir(target).entryCount() != 0) {
                    throw new VexfsException(VexfsError.ENOTEMPTY, to + ": directory not empty");
                }
            } else if (moving.isDir() && dst.parent().ino != src.parent().ino && dst.parent().nlink >= LINK_MAX) {
                throw new VexfsException(VexfsError.EMLINK, to + ": too many subdirectories");
            }
            reserve(16, 0, to);
            long t = now();
            Inode sp = src.parent();
            Inode dp = dst.parent();
            if (target != null) {
                dirReplace(dp, dst.name(), target.ino, moving.ino, moving.type().direntCode());
                if (target.isDir()) {
                    dp.nlink--;
                    target.nlink = 0;
                    freeInode(target);
                } else {
                    dropLink(target);
                }
            } else {
                dirInsert(dp, dst.name(), moving.ino, moving.type().direntCode());
            }
            dirRemove(sp, src.name());
            if (moving.isDir() && sp.ino != dp.ino) {
                dir(moving).setParent(dp.ino);
                sp.nlink--;
                dp.nlink++;
            }
            moving.ctime = t;
            sp.mtime = sp.ctime = t;
            dp.mtime = dp.ctime = t;
            markDirty(moving);
            markDirty(sp);
            markDirty(dp);
            event(ev, src.parent(), src.parentPath(), src.name(), ChangeListener.Kind.DELETE);
            event(ev, dst.parent(), dst.parentPath(), dst.name(), ChangeListener.Kind.CREATE);
            return null;
        });
    }

    @Override
    public List<DirEntry> readdir(String path, DirCursor after, int max) throws VexfsException {
        return read(ev -> {
            Inode d = existing(path, true).inode();
            if (!d.isDir()) {
                throw new VexfsException(VexfsError.ENOTDIR, path + ": not a directory");
            }
            checkPerm(d, Access.READ, path);
            List<DirRecord> recs = dir(d).list(after == null ? 0 : after.hash(), after == null ? null
                    : after.nameBytes(), Math.max(1, max));
            List<DirEntry> out = new ArrayList<>(recs.size());
            for (DirRecord r : recs) {
                FileType type = FileType.ofDirentCode(r.type());
                if (type == null) {
                    throw new VexfsException(VexfsError.EUCLEAN, path + ": entry with unknown file type " + r.type());
                }
                out.add(new DirEntry(new String(r.name(), StandardCharsets.UTF_8), r.inode(), type,
                        new DirCursor(r.hash(), r.name())));
            }
            return out;
        });
    }

    @Override
    public String realPath(String path) throws VexfsException {
        return read(ev -> existing(path, true).canonicalPath());
    }

    @Override
    public void setTimes(String path, boolean follow, TimesUpdate times) throws VexfsException {
        mutate(path, ev -> {
            Inode in = existing(path, follow).inode();
            if (options.uid() >= 0 && in.uid != options.uid()) {
                checkPerm(in, Access.WRITE, path);
            }
            if (times.mtimeNanos() != null) {
                in.mtime = times.mtimeNanos();
            }
            if (times.atimeNanos() != null) {
                in.atime = times.atimeNanos();
            }
            if (times.crtimeNanos() != null) {
                in.crtime = times.crtimeNanos();
            }
            in.ctime = now();
            markDirty(in);
            return null;
        });
    }

    @Override
    public void chmod(String path, boolean follow, int permissions) throws VexfsException {
        mutate(path, ev -> {
            Inode in = existing(path, follow).inode();
            checkOwner(in, path);
            in.mode = (in.mode & FormatStructs.S_IFMT) | (permissions & 07777);
            in.ctime = now();
            markDirty(in);
            return null;
        });
    }

    @Override
    public void chown(String path, boolean follow, int uid, int gid) throws VexfsException {
        mutate(path, ev -> {
            Inode in = existing(path, follow).inode();
            if (options.uid() >= 0 && (uid != in.uid || (gid != in.gid && gid != options.gid()))) {
                throw new VexfsException(VexfsError.EPERM, path + ": only the superuser may change the owner");
            }
            checkOwner(in, path);
            in.uid = uid;
            in.gid = gid;
            in.ctime = now();
            markDirty(in);
            return null;
        });
    }

    @Override
    public void checkAccess(String path, int accessMask) throws VexfsException {
        read(ev -> {
            checkPerm(existing(path, true).inode(), accessMask, path);
            return null;
        });
    }

    private static final String RESERVED_XATTR_PREFIX = "vexfs.";

    private static void checkPublicXattrName(String name, String path) throws VexfsException {
        XattrList.validateName(name);
        if (name.startsWith(RESERVED_XATTR_PREFIX)) {
            throw new VexfsException(VexfsError.EPERM, path + ": xattr namespace 'vexfs.' is reserved (vectors)");
        }
    }

    @Override
    public Optional<byte[]> getXattr(String path, boolean follow, String name) throws VexfsException {
        return read(ev -> {
            Inode in = existing(path, follow).inode();
            checkPerm(in, Access.READ, path);
            if (name.startsWith(RESERVED_XATTR_PREFIX)) {
                return Optional.empty();
            }
            return Optional.ofNullable(xattrs(in).get(name));
        });
    }

    /** Sets an xattr of {@code in} inside a running mutation, placing the list inline or in its block. */
    private void xattrSetLocked(Inode in, String name, byte[] value, String path) throws VexfsException {
        XattrList x = xattrs(in);
        byte[] old = x.get(name);
        x.set(name, value);
        if (x.encodedSize() > FormatStructs.INLINE_XATTR_MAX && in.xattrBlock == 0) {
            try {
                reserve(1, 0, path);
            } catch (VexfsException e) {
                if (old == null) {
                    x.remove(name);
                } else {
                    x.set(name, old);
                }
                throw e;
            }
            in.xattrBlock = blocks.allocate(0, 1)[0];
            store.newMeta(in.xattrBlock);
        } else if (x.encodedSize() <= FormatStructs.INLINE_XATTR_MAX && in.xattrBlock != 0) {
            store.forget(in.xattrBlock);
            blocks.free(in.xattrBlock, 1);
            in.xattrBlock = 0;
        }
        in.ctime = now();
        markDirty(in);
    }

    private boolean xattrRemoveLocked(Inode in, String name) throws VexfsException {
        XattrList x = xattrs(in);
        if (!x.remove(name)) {
            return false;
        }
        if (x.encodedSize() <= FormatStructs.INLINE_XATTR_MAX && in.xattrBlock != 0) {
            store.forget(in.xattrBlock);
            blocks.free(in.xattrBlock, 1);
            in.xattrBlock = 0;
        }
        in.ctime = now();
        markDirty(in);
        return true;
    }

    @Override
    public void setXattr(String path, boolean follow, String name, byte[] value) throws VexfsException {
        checkPublicXattrName(name, path);
        mutate(path, ev -> {
            Inode in = existing(path, follow).inode();
            checkPerm(in, Access.WRITE, path);
            xattrSetLocked(in, name, value, path);
            return null;
        });
    }

    @Override
    public void removeXattr(String path, boolean follow, String name) throws VexfsException {
        checkPublicXattrName(name, path);
        mutate(path, ev -> {
            Inode in = existing(path, follow).inode();
            checkPerm(in, Access.WRITE, path);
            if (!xattrRemoveLocked(in, name)) {
                throw new VexfsException(VexfsError.ENODATA, path + ": no xattr " + name);
            }
            return null;
        });
    }

    @Override
    public List<String> listXattrs(String path, boolean follow) throws VexfsException {
        return read(ev -> {
            List<String> out = new ArrayList<>();
            for (String n : xattrs(existing(path, follow).inode()).names()) {
                if (!n.startsWith(RESERVED_XATTR_PREFIX)) {
                    out.add(n);
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------- vectors

    private VectorCatalog.Space spaceOrFail(String space, String what) throws VexfsException {
        VectorCodec.validateName(space);
        VectorCatalog.Space s = vectors.space(space);
        if (s == null) {
            throw new VexfsException(VexfsError.EINVAL, what + ": unknown vector space " + space);
        }
        return s;
    }

    @Override
    public void createVectorSpace(io.vexfs.api.VectorSpec spec) throws VexfsException {
        VectorCodec.validateName(spec.name());
        if (spec.dimension() > VectorCodec.MAX_DIMENSION) {
            throw new VexfsException(VexfsError.EINVAL, "vector space " + spec.name() + ": dimension "
                    + spec.dimension() + " exceeds the format v1 limit of " + VectorCodec.MAX_DIMENSION);
        }
        mutate("vector space " + spec.name(), ev -> {
            if (vectors.space(spec.name()) != null) {
                throw new VexfsException(VexfsError.EEXIST, "vector space " + spec.name() + " already exists");
            }
            xattrSetLocked(getInode(ROOT_INODE), VectorCodec.SPACE_PREFIX + spec.name(),
                    VectorCodec.encodeSpec(spec), "/");
            vectors.defineSpace(spec);
            if (vectors.loaded()) {
                vectors.space(spec.name()); // new space starts empty
            }
            return null;
        });
    }

    @Override
    public List<io.vexfs.api.VectorSpec> vectorSpaces() throws VexfsException {
        return read(ev -> vectors.specs());
    }

    @Override
    public void dropVectorSpace(String name) throws VexfsException {
        mutate("vector space " + name, ev -> {
            VectorCodec.validateName(name);
            if (vectors.space(name) == null) {
                throw new VexfsException(VexfsError.ENOENT, "vector space " + name + " does not exist");
            }
            VectorCatalog.Space s = spaceOrFail(name, "drop");
            ensureVectorsLoaded();
            for (long ino : vectors.paths().inodes()) {
                if (s.index.contains(ino)) {
                    xattrRemoveLocked(getInode(ino), VectorCodec.VECTOR_PREFIX + name);
                }
            }
            xattrRemoveLocked(getInode(ROOT_INODE), VectorCodec.SPACE_PREFIX + name);
            dropGraph(name);
            vectors.dropSpace(name);
            return null;
        });
    }

    private Inode vectorTarget(String path, String what) throws VexfsException {
        Inode in = existing(path, true).inode();
        if (in.isDir()) {
            throw new VexfsException(VexfsError.EISDIR, path + ": " + what + ": vectors attach to regular files");
        }
        if (in.type() != FileType.REGULAR) {
            throw new VexfsException(VexfsError.EINVAL, path + ": " + what + ": not a regular file");
        }
        return in;
    }

    @Override
    public void setVector(String path, String space, float[] vector) throws VexfsException {
        mutate(path, ev -> {
            VectorCatalog.Space s = spaceOrFail(space, path);
            VectorCodec.validate(s.spec, vector, path);
            Inode in = vectorTarget(path, "setVector");
            checkPerm(in, Access.WRITE, path);
            xattrSetLocked(in, VectorCodec.VECTOR_PREFIX + space, VectorCodec.encodeVector(vector), path);
            vectors.setVector(space, in.ino, vector);
            graphsStale |= !vectors.loaded();
            return null;
        });
    }

    @Override
    public Optional<float[]> getVector(String path, String space) throws VexfsException {
        return read(ev -> {
            VectorCatalog.Space s = spaceOrFail(space, path);
            Inode in = vectorTarget(path, "getVector");
            checkPerm(in, Access.READ, path);
            byte[] b = xattrs(in).get(VectorCodec.VECTOR_PREFIX + space);
            return b == null ? Optional.empty() : Optional.of(VectorCodec.decodeVector(s.spec, b, in.ino));
        });
    }

    @Override
    public boolean removeVector(String path, String space) throws VexfsException {
        return mutate(path, ev -> {
            spaceOrFail(space, path);
            Inode in = vectorTarget(path, "removeVector");
            checkPerm(in, Access.WRITE, path);
            boolean had = xattrRemoveLocked(in, VectorCodec.VECTOR_PREFIX + space);
            vectors.removeVector(space, in.ino);
            graphsStale |= had && !vectors.loaded();
            return had;
        });
    }

    private VectorCodec.GraphRef graphRef(String space) throws VexfsException {
        byte[] b = xattrs(getInode(ROOT_INODE)).get(VectorCodec.GRAPH_PREFIX + space);
        return b == null ? null : VectorCodec.GraphRef.decode(space, b);
    }

    /**
     * The persisted index of {@code spec} if its reference is current (stamped by the session that
     * last closed this volume cleanly, so an open would use it as is), else null.
     *
     * @throws VexfsException EUCLEAN / EBADMSG when a current reference leads to a bad inode or blob
     */
    private io.vexfs.core.vector.VectorSpaceIndex currentGraph(io.vexfs.api.VectorSpec spec) throws VexfsException {
        VectorCodec.GraphRef ref = graphRef(spec.name());
        if (!openedClean || ref == null || ref.mountCount() != openedMountCount) {
            return null;
        }
        String what = "vector graph of space " + spec.name() + " (inode " + ref.inode() + ")";
        if (ref.size() > Integer.MAX_VALUE - 64 || ref.inode() <= ROOT_INODE || ref.inode() > sb.totalInodes) {
            throw new VexfsException(VexfsError.EUCLEAN, what + ": reference out of range (size " + ref.size() + ")");
        }
        Inode g = getInode(ref.inode());
        if (g.type() != FileType.REGULAR || g.size != ref.size()) {
            throw new VexfsException(VexfsError.EUCLEAN, what + ": inode is " + g.type() + " of " + g.size
                    + " bytes, reference says a regular file of " + ref.size());
        }
        java.lang.foreign.MemorySegment inPlace = mappedFileData(g);
        java.lang.foreign.MemorySegment segment;
        if (inPlace != null) {
            segment = inPlace;
            graphsOpenedInPlace.incrementAndGet();
        } else {
            ByteBuffer blob = ByteBuffer.allocate((int) ref.size());
            while (blob.hasRemaining()) {
                if (fileData.read(g, blob.position(), blob) <= 0) {
                    throw new VexfsException(VexfsError.EUCLEAN, what + ": truncated at byte " + blob.position());
                }
            }
            segment = java.lang.foreign.MemorySegment.ofArray(blob.array());
        }
        var idx = io.vexfs.core.vector.VectorSpaceIndex.open(segment, io.vexfs.core.vector.VectorIndexOptions.defaults());
        if (!idx.spec().equals(spec)) {
            idx.close();
            throw new VexfsException(VexfsError.EUCLEAN, what + ": blob is for " + idx.spec() + ", space is " + spec);
        }
        return idx;
    }

    /**
     * The data of regular file {@code in} as a segment over the device mapping when it lies in one
     * extent whose blocks have no pending writes (so the mapping shows exactly the file's bytes);
     * else null. Persisted vector graphs are opened over it: vectors are scored where they lie in
     * the volume, without copying. Only graph inodes use it; their blocks are rewritten or freed
     * solely under the write lock by the session's close or a space drop, after their index is done.
     */
    private java.lang.foreign.MemorySegment mappedFileData(Inode in) {
        ExtentMap m = in.extents;
        long blocksNeeded = (in.size + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (in.size == 0 || m.extentCount() != 1 || m.logicalAt(0) != 0 || m.lengthAt(0) < blocksNeeded) {
            return null;
        }
        long first = m.physicalAt(0);
        for (long b = first; b < first + blocksNeeded; b++) {
            if (store.dirtyData(b) != null) {
                return null;
            }
        }
        return device.mapped(first * BLOCK_SIZE, in.size);
    }

    /**
     * fsck: the persisted index of {@code space} as the next open would load it (validated: checksums,
     * ordinals and neighbour ids in range, neighbour lists well formed), or null when it has no
     * current graph (absent or stale graphs are rebuilt from the files' vectors, which is not an
     * error). The caller closes it.
     */
    public io.vexfs.core.vector.VectorSpaceIndex inspectCurrentGraph(String space) throws VexfsException {
        return read(ev -> {
            VectorCatalog.Space s = vectors.space(space);
            return s == null ? null : currentGraph(s.spec);
        });
    }

    /** fsck: the vector of {@code in} in {@code space} as stored on the file, or null if it has none or it is unreadable. */
    public float[] inspectVector(Inode in, String space) throws VexfsException {
        return read(ev -> {
            VectorCatalog.Space s = vectors.space(space);
            byte[] b = s == null ? null : xattrs(in).get(VectorCodec.VECTOR_PREFIX + space);
            if (b == null) {
                return null;
            }
            try {
                return VectorCodec.decodeVector(s.spec, b, in.ino);
            } catch (VexfsException e) {
                return null;
            }
        });
    }

    /**
     * Loads every space's index from its persisted blob when all of them are current (written by the
     * session that last closed this volume cleanly); returns false (nothing loaded) otherwise.
     */
    private boolean loadPersistedGraphs() {
        List<io.vexfs.api.VectorSpec> specs = vectors.specs();
        if (specs.isEmpty() || !openedClean) {
            return false;
        }
        Map<String, io.vexfs.core.vector.VectorSpaceIndex> loaded = new LinkedHashMap<>();
        try {
            for (io.vexfs.api.VectorSpec spec : specs) {
                var idx = currentGraph(spec);
                if (idx == null) {
                    throw new VexfsException(VexfsError.ENODATA, "no current graph for " + spec.name());
                }
                loaded.put(spec.name(), idx);
            }
        } catch (VexfsException | RuntimeException e) {
            loaded.values().forEach(io.vexfs.core.vector.VectorSpaceIndex::close);
            return false; // rebuild from the canonical vectors
        }
        loaded.forEach((name, idx) -> vectors.space(name).index = idx);
        return true;
    }

    /** Frees a space's persisted graph inode and its reference (inside a mutation). */
    private void dropGraph(String space) throws VexfsException {
        VectorCodec.GraphRef ref = graphRef(space);
        if (ref != null) {
            Inode root = getInode(ROOT_INODE);
            xattrRemoveLocked(root, VectorCodec.GRAPH_PREFIX + space);
            if (ref.inode() > ROOT_INODE && ref.inode() <= sb.totalInodes && inodes.isSet(ref.inode() - 1)
                    && inodeTable.slotInUse(ref.inode())) {
                Inode g = getInode(ref.inode());
                g.nlink = 0;
                freeInode(g);
            }
        }
    }

    /**
     * At a clean close: writes each loaded index to its graph inode and stamps its reference with
     * this session's mount count; with nothing loaded, re-stamps graphs that are still current and
     * drops stale ones. Called under the write lock before the final commit.
     */
    private void persistGraphs() throws VexfsException {
        if (vectors.specs().isEmpty()) {
            return;
        }
        Inode root = getInode(ROOT_INODE);
        for (io.vexfs.api.VectorSpec spec : vectors.specs()) {
            VectorCodec.GraphRef ref = graphRef(spec.name());
            if (!vectors.loaded()) {
                if (ref == null) {
                    continue;
                }
                if (graphsStale || !openedClean || ref.mountCount() != openedMountCount) {
                    dropGraph(spec.name());
                } else {
                    xattrSetLocked(root, VectorCodec.GRAPH_PREFIX + spec.name(),
                            new VectorCodec.GraphRef(ref.inode(), sb.mountCount, ref.size()).encode(), "/");
                }
                continue;
            }
            var idx = vectors.space(spec.name()).index;
            try {
                idx.awaitIdle(java.time.Duration.ofSeconds(120));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] blob = idx.toByteArray();
            Inode g = null;
            if (ref != null && ref.inode() > ROOT_INODE && ref.inode() <= sb.totalInodes && inodes.isSet(ref.inode() - 1)
                    && inodeTable.slotInUse(ref.inode())) {
                g = getInode(ref.inode());
            }
            long need = blob.length / BLOCK_SIZE + blob.length / (BLOCK_SIZE * 100L) + 16 + (g == null ? 0 : 0);
            if (blocks.free() + (g == null ? 0 : g.extents.mappedBlocks()) < need || (g == null && inodes.free() < 1)) {
                if (ref != null) {
                    dropGraph(spec.name()); // no room: the next open rebuilds from the canonical vectors
                }
                continue;
            }
            if (g == null) {
                g = allocInode(FormatStructs.S_IFREG | 0600, ROOT_INODE);
                g.nlink = 1;
            }
            fileData.truncate(g, 0);
            int off = 0;
            while (off < blob.length) {
                int n = Math.min(WRITE_CHUNK, blob.length - off);
                fileData.write(g, off, ByteBuffer.wrap(blob, off, n));
                off += n;
                if (store.dirtyDataBytes() > options.dirtyLimitBytes()) {
                    store.writeBackData();
                }
            }
            g.mtime = g.ctime = now();
            markDirty(g);
            xattrSetLocked(root, VectorCodec.GRAPH_PREFIX + spec.name(),
                    new VectorCodec.GraphRef(g.ino, sb.mountCount, blob.length).encode(), "/");
        }
    }

    private volatile boolean loadedFromGraphs;
    private final java.util.concurrent.atomic.AtomicInteger graphsOpenedInPlace = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Waits until every loaded vector index has indexed all its vectors into its graph (searches
     * never wait for this: they scan the not-yet-indexed tail exactly). True if idle in time.
     */
    public boolean awaitVectorIndexes(java.time.Duration timeout) throws InterruptedException, VexfsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (io.vexfs.api.VectorSpec spec : vectorSpaces()) {
            VectorCatalog.Space s = vectors.space(spec.name());
            var idx = s == null ? null : s.index;
            if (idx != null && !idx.awaitIdle(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String directoryPath(long ino, int generation) throws VexfsException {
        return read(ev -> {
            StringBuilder path = new StringBuilder();
            long child = ino;
            int expectGeneration = generation;
            for (int depth = 0; child != ROOT_INODE; depth++) {
                Inode d = liveDirectory(child, expectGeneration);
                if (depth > 4096) {
                    throw new VexfsException(VexfsError.ELOOP, "directory inode " + ino + ": parent chain too long");
                }
                long parent = dir(d).parent();
                byte[] name = nameIn(liveDirectory(parent, -1), child);
                path.insert(0, "/" + new String(name, StandardCharsets.UTF_8));
                child = parent;
                expectGeneration = -1;
            }
            liveDirectory(ROOT_INODE, expectGeneration);
            return path.isEmpty() ? "/" : path.toString();
        });
    }

    /** The directory inode {@code ino} if it is in use (with {@code generation} unless -1); else ENOENT. */
    private Inode liveDirectory(long ino, int generation) throws VexfsException {
        if (ino >= ROOT_INODE && ino <= sb.totalInodes && inodes.isSet(ino - 1)) {
            Inode d;
            try {
                d = getInode(ino);
            } catch (VexfsException e) {
                if (e.error() != VexfsError.EUCLEAN) {
                    throw e;
                }
                d = null; // freed by the running transaction (its slot is clear, its bit not yet)
            }
            if (d != null && d.isDir() && d.nlink > 0 && (generation < 0 || d.generation == generation)) {
                return d;
            }
        }
        throw new VexfsException(VexfsError.ENOENT, "directory inode " + ino + " (generation " + generation
                + ") no longer exists");
    }

    /** The name under which directory {@code parent} holds {@code child}; ENOENT if it does not. */
    private byte[] nameIn(Inode parent, long child) throws VexfsException {
        Directory dir = dir(parent);
        long afterHash = 0;
        byte[] afterName = null;
        while (true) {
            List<DirRecord> page = dir.list(afterHash, afterName, 1024);
            if (page.isEmpty()) {
                throw new VexfsException(VexfsError.ENOENT, "directory inode " + child + " is not linked from "
                        + "its parent " + parent.ino);
            }
            for (DirRecord r : page) {
                if (r.inode() == child) {
                    return r.name();
                }
            }
            afterHash = page.getLast().hash();
            afterName = page.getLast().name();
        }
    }

    /** How many persisted vector graphs this session opened over the device mapping (no copy). */
    public int vectorGraphsOpenedInPlace() {
        return graphsOpenedInPlace.get();
    }

    /** True if this session's vector indexes were reloaded from persisted graphs (no rebuild). */
    public boolean vectorIndexesReloaded() {
        return loadedFromGraphs;
    }

    /** Inodes holding persisted vector graphs (fsck counts the root's reference as their link). */
    public List<Long> inspectGraphInodes() throws VexfsException {
        return read(ev -> {
            List<Long> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : xattrs(getInode(ROOT_INODE)).entries().entrySet()) {
                if (e.getKey().startsWith(VectorCodec.GRAPH_PREFIX)) {
                    out.add(VectorCodec.GraphRef.decode(e.getKey(), e.getValue()).inode());
                }
            }
            return out;
        });
    }

    /** The loading walk: every directory entry into {@code index}; regular files collected if {@code collect}. */
    private void walkForVectors(PathIndex index, List<Long> regularFiles, boolean collect) throws VexfsException {
        ArrayDeque<Long> queue = new ArrayDeque<>();
        queue.add((long) ROOT_INODE);
        while (!queue.isEmpty()) {
            long d = queue.poll();
            Directory dir = dir(getInode(d));
            long afterHash = 0;
            byte[] afterName = null;
            while (true) {
                List<DirRecord> page = dir.list(afterHash, afterName, 1024);
                if (page.isEmpty()) {
                    break;
                }
                for (DirRecord r : page) {
                    index.add(d, new String(r.name(), StandardCharsets.UTF_8), r.inode());
                    if (r.type() == FormatStructs.FT_DIR) {
                        queue.add(r.inode());
                    } else if (r.type() == FormatStructs.FT_REG && collect) {
                        regularFiles.add(r.inode());
                    }
                }
                afterHash = page.getLast().hash();
                afterName = page.getLast().name();
            }
        }
    }

    /** Walks the tree once to load every vector and the path index (under the read or write lock). */
    private void ensureVectorsLoaded() throws VexfsException {
        if (vectors.loaded()) {
            return;
        }
        synchronized (vectors) {
            if (vectors.loaded()) {
                return;
            }
            PathIndex index = new PathIndex(ROOT_INODE);
            Map<String, Map<Long, float[]>> found = new HashMap<>();
            List<io.vexfs.api.VectorSpec> specs = vectors.specs();
            // the persisted graphs open (validation reads every blob) while this thread walks the
            // tree: both only read, under the lock the caller holds
            java.util.concurrent.CompletableFuture<Boolean> graphs = specs.isEmpty()
                    ? java.util.concurrent.CompletableFuture.completedFuture(false)
                    : java.util.concurrent.CompletableFuture.supplyAsync(this::loadPersistedGraphs);
            List<Long> regularFiles = new ArrayList<>();
            try {
                walkForVectors(index, regularFiles, !specs.isEmpty());
            } catch (VexfsException | RuntimeException e) {
                graphs.join();
                vectors.discardIndexes();
                throw e;
            }
            boolean fromGraphs = graphs.join();
            loadedFromGraphs = fromGraphs;
            if (!fromGraphs) {
                for (long ino : new java.util.LinkedHashSet<>(regularFiles)) { // hard links: once
                    XattrList x = xattrs(getInode(ino));
                    for (io.vexfs.api.VectorSpec spec : specs) {
                        byte[] b = x.get(VectorCodec.VECTOR_PREFIX + spec.name());
                        if (b != null) {
                            found.computeIfAbsent(spec.name(), k -> new HashMap<>())
                                    .put(ino, VectorCodec.decodeVector(spec, b, ino));
                        }
                    }
                }
            }
            vectors.createIndexes();
            for (io.vexfs.api.VectorSpec spec : fromGraphs ? List.<io.vexfs.api.VectorSpec>of() : specs) {
                VectorCatalog.Space s = vectors.space(spec.name());
                for (Map.Entry<Long, float[]> e : found.getOrDefault(spec.name(), Map.of()).entrySet()) {
                    s.index.put(e.getKey(), e.getValue());
                }
            }
            vectors.install(index);
        }
    }

    @Override
    public List<io.vexfs.core.VectorHit> search(String scope, String space, float[] query, int k,
                                                io.vexfs.core.VectorQuery options) throws VexfsException {
        if (k <= 0) {
            throw new VexfsException(VexfsError.EINVAL, "search: k must be positive, got " + k);
        }
        return read(ev -> {
            VectorCatalog.Space s = spaceOrFail(space, "search");
            VectorCodec.validate(s.spec, query, "search query");
            Inode scopeDir = existing(scope, true).inode();
            if (!scopeDir.isDir()) {
                throw new VexfsException(VexfsError.ENOTDIR, scope + ": search scope must be a directory");
            }
            ensureVectorsLoaded();
            PathIndex idx = vectors.paths();
            long scopeIno = scopeDir.ino;
            java.util.function.Predicate<String> pf = options == null ? null : options.pathFilter();
            java.util.function.LongPredicate accept = ino -> {
                if (!idx.under(ino, scopeIno)) {
                    return false;
                }
                if (pf == null) {
                    return true;
                }
                String p = idx.path(ino);
                return p != null && pf.test(p);
            };
            io.vexfs.core.vector.SearchOptions so = options != null && options.exact()
                    ? io.vexfs.core.vector.SearchOptions.exact()
                    : io.vexfs.core.vector.SearchOptions.auto(options == null ? 0 : Math.max(0, options.ef()));
            java.util.function.LongPredicate filter = scopeIno == ROOT_INODE && pf == null ? null : accept;
            try {
                return vectors.toHits(VectorCatalog.search(s, query, k, filter, so));
            } catch (IllegalArgumentException e) {
                throw new VexfsException(VexfsError.EINVAL, "search: " + e.getMessage());
            }
        });
    }

    // ------------------------------------------------------------- files

    @Override
    public FileHandle open(String path, OpenMode mode) throws VexfsException {
        boolean writes = mode.write() || mode.append() || mode.truncate() || mode.create() || mode.createNew();
        Mutation<FileHandleImpl> body = ev -> {
            Resolved r = resolve(path, mode.followLinks(), mode.create() || mode.createNew());
            Inode in = r.inode();
            if (in != null && in.type() == FileType.SYMLINK) {
                throw new VexfsException(VexfsError.ELOOP, path + ": is a symbolic link (not followed)");
            }
            if (in != null && mode.createNew()) {
                throw new VexfsException(VexfsError.EEXIST, path + ": file exists");
            }
            if (in == null) {
                if (r.parent() == null) {
                    throw new VexfsException(VexfsError.EISDIR, path + ": is a directory");
                }
                checkPerm(r.parent(), Access.WRITE | Access.EXECUTE, path);
                reserve(16, 1, path);
                in = allocInode(FormatStructs.S_IFREG | (mode.permissions() & 07777), r.parent().ino);
                in.nlink = 1;
                dirInsert(r.parent(), r.name(), in.ino, FormatStructs.FT_REG);
                r.parent().mtime = r.parent().ctime = now();
                markDirty(r.parent());
                event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.CREATE);
            } else {
                if (in.isDir()) {
                    if (mode.write() || mode.append() || mode.truncate()) {
                        throw new VexfsException(VexfsError.EISDIR, path + ": is a directory");
                    }
                } else {
                    int mask = (mode.read() ? Access.READ : 0) | (mode.write() || mode.append() ? Access.WRITE : 0);
                    checkPerm(in, mask, path);
                }
                if (mode.truncate() && (mode.write() || mode.append()) && !in.isDir() && in.size > 0) {
                    fileData.truncate(in, 0);
                    in.mtime = in.ctime = now();
                    markDirty(in);
                    if (r.parent() != null) {
                        event(ev, r.parent(), r.parentPath(), r.name(), ChangeListener.Kind.MODIFY);
                    }
                }
            }
            synchronized (openInodes) {
                in.openCount++;
                openInodes.put(in.ino, in);
            }
            FileHandleImpl h = new FileHandleImpl(this, in, mode, r.parent() == null ? 0 : r.parent().ino, r.parent() == null ? null : r.parentPath(),
                    r.name() == null ? null : new String(r.name(), StandardCharsets.UTF_8));
            handles.add(h);
            return h;
        };
        if (writes && !readOnly) {
            return mutate(path, body);
        }
        if (mode.write() || mode.append()) {
            throw new VexfsException(VexfsError.EROFS, path + ": volume is read-only");
        }
        lock.writeLock().lock(); // open counts change; cheap
        try {
            checkUsable();
            return body.run(new ArrayList<>());
        } finally {
            lock.writeLock().unlock();
        }
    }

    int readFile(Inode in, long pos, ByteBuffer dst) throws VexfsException {
        return read(ev -> fileData.read(in, pos, dst));
    }

    int writeFile(FileHandleImpl h, Inode in, long pos, ByteBuffer src, boolean append) throws VexfsException {
        int total = src.remaining();
        long p = pos;
        boolean first = true;
        while (src.hasRemaining() || first) {
            first = false;
            int n = Math.min(src.remaining(), WRITE_CHUNK);
            long at = p;
            final boolean appendMode = append;
            long written = mutate(h.pathForErrors(), ev -> {
                if (in.nlink == 0 && in.openCount == 0) {
                    throw new VexfsException(VexfsError.EIO, "inode " + in.ino + " was released");
                }
                long where = appendMode ? in.size : at;
                ByteBuffer slice = src.slice(src.position(), n);
                reserve(FileData.blocksNeeded(in, where, Math.max(1, n)), 0, h.pathForErrors());
                fileData.write(in, where, slice);
                in.mtime = in.ctime = now();
                markDirty(in);
                h.modified(ev);
                return where + n;
            });
            src.position(src.position() + n);
            p = written;
        }
        return total;
    }

    void truncateFile(FileHandleImpl h, Inode in, long size) throws VexfsException {
        mutate(h.pathForErrors(), ev -> {
            if (size > in.size) {
                reserve(8, 0, h.pathForErrors());
            }
            fileData.truncate(in, size);
            in.mtime = in.ctime = now();
            markDirty(in);
            h.modified(ev);
            return null;
        });
    }

    FileStat statInode(Inode in) throws VexfsException {
        return read(ev -> in.stat());
    }

    long sizeOf(Inode in) throws VexfsException {
        return read(ev -> in.size);
    }

    void release(FileHandleImpl h, Inode in) throws VexfsException {
        handles.remove(h);
        lock.writeLock().lock();
        try {
            synchronized (openInodes) {
                in.openCount--;
                if (in.openCount > 0) {
                    return;
                }
                openInodes.remove(in.ino);
            }
            if (in.nlink == 0 && failure == null && !closed && !readOnly) {
                long before = store.modCount();
                try {
                    freeInode(in);
                } catch (VexfsException e) {
                    if (store.modCount() != before) {
                        fail(e);
                    }
                    throw e;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void fireModified(List<Runnable> ev, long dirIno, String dirPath, String name) {
        if (dirPath != null && name != null) {
            event(ev, dirIno, dirPath, name.getBytes(StandardCharsets.UTF_8), ChangeListener.Kind.MODIFY);
        }
    }

    @Override
    public void sync() throws VexfsException {
        if (readOnly) {
            commitNow();
            return;
        }
        groupCommitter().sync();
    }

    /**
     * One commit of everything so far, durable when it returns (the group committer's steps run in
     * one thread): begin under the lock, force outside it, checkpoint under it again.
     */
    private void commitNow() throws VexfsException {
        long pending = beginCommit();
        if (pending >= 0) {
            forceCommits();
            finishCommits(pending);
        }
    }

    /**
     * Starts a commit of everything so far under the write lock. A small transaction's journal
     * record is only written (not forced) and its id returned, owed {@link #forceCommits()} and
     * {@link #finishCommits(long)}; other threads keep working, and further commits may begin, while
     * it waits for the device. Otherwise the commit completes here and -1 is returned.
     */
    private long beginCommit() throws VexfsException {
        lock.writeLock().lock();
        try {
            checkUsable();
            return commitLocked(true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The device barrier for every begun commit; runs without the volume lock. A failure is final. */
    private void forceCommits() throws VexfsException {
        try {
            store.forcePending();
        } catch (VexfsException e) {
            lock.writeLock().lock();
            try {
                throw fail(e);
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** Checkpoints the begun commits up to {@code id} after their force (under the write lock). */
    private void finishCommits(long id) throws VexfsException {
        lock.writeLock().lock();
        try {
            if (failure == null) {
                store.checkpointPending(id, journal);
            }
        } catch (VexfsException | RuntimeException e) {
            throw fail(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private GroupCommitter groupCommitter() {
        GroupCommitter g = groupCommitter;
        if (g == null) {
            synchronized (this) {
                g = groupCommitter;
                if (g == null) {
                    g = new GroupCommitter(String.valueOf(image), new GroupCommitter.Commit() {
                        @Override
                        public long begin() throws VexfsException {
                            return beginCommit();
                        }

                        @Override
                        public void force() throws VexfsException {
                            forceCommits();
                        }

                        @Override
                        public void finish(long id) throws VexfsException {
                            finishCommits(id);
                        }

                        @Override
                        public boolean durable(long id) {
                            lock.readLock().lock();
                            try {
                                return failure == null && store.isForced(id);
                            } finally {
                                lock.readLock().unlock();
                            }
                        }
                    });
                    groupCommitter = g;
                }
            }
        }
        return g;
    }

    /**
     * Group-commit statistics: {commits begun, sync requests they served, device forces that made
     * them durable}; zeros before the first sync.
     */
    public long[] groupCommitStats() {
        GroupCommitter g = groupCommitter;
        return g == null ? new long[3] : g.stats();
    }

    @Override
    public void addChangeListener(ChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(ChangeListener listener) {
        listeners.remove(listener);
    }

    /** True once a failure took the volume out of service. */
    public boolean isFailed() {
        return failure != null;
    }

    @Override
    public void close() throws VexfsException {
        if (closed) {
            return;
        }
        for (FileHandleImpl h : handles) {
            h.closeQuietly();
        }
        GroupCommitter g = groupCommitter;
        if (g != null) {
            g.shutdown();
        }
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            VexfsException err = null;
            if (!readOnly && failure == null) {
                try {
                    long before = store.modCount();
                    try {
                        persistGraphs();
                    } catch (VexfsException | RuntimeException e) {
                        if (store.modCount() != before) {
                            throw fail(e);
                        }
                    }
                    commitLocked();
                    device.force();
                    journal.reset();
                    device.force();
                    sb.state |= FormatStructs.STATE_CLEAN;
                    writeSuperblocks();
                } catch (VexfsException e) {
                    err = e;
                }
            }
            closed = true;
            vectors.close();
            device.close();
            if (err != null) {
                throw err;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ----------------------------------------------------- engine internals for fsck/tests

    /**
     * Applies fsck's repairs in one journaled transaction: bitmap bits {@code {bit-or-inode, used}},
     * link counts {@code {inode, nlink}}, and orphaned inode slots to clear (their blocks are released
     * by the bitmap fixes).
     */
    public void repair(List<long[]> blockBits, List<long[]> inodeBits, List<long[]> nlinks, List<Long> orphans)
            throws VexfsException {
        mutate("fsck repair", ev -> {
            for (long[] f : blockBits) {
                blocks.setDirect(f[0], f[1] == 1);
            }
            for (long[] f : inodeBits) {
                inodes.setDirect(f[0] - 1, f[1] == 1);
            }
            for (long[] f : nlinks) {
                Inode in = getInode(f[0]);
                in.nlink = f[1];
                markDirty(in);
            }
            for (long ino : orphans) {
                int gen = inodeTable.slotGeneration(ino);
                dirtyInodes.remove(ino);
                inodeCache.invalidate(ino);
                inodeTable.clear(ino, gen);
                inodes.setDirect(ino - 1, false);
            }
            // the counts the volume opened with may have been wrong too: take them from the fixed bitmaps
            blocks.recount();
            inodes.recount();
            return null;
        });
        sync();
    }

    /** The decoded superblock (read-only use). */
    public Superblock superblock() {
        return sb;
    }

    public BlockStore store() {
        return store;
    }

    public InodeTable inodeTable() {
        return inodeTable;
    }

    public BitmapAllocator blockAllocator() {
        return blocks;
    }

    public BitmapAllocator inodeAllocator() {
        return inodes;
    }

    /** Loads an inode for inspection (fsck), under the read lock. */
    public Inode inspectInode(long ino) throws VexfsException {
        return read(ev -> getInode(ino));
    }

    /** Every entry of a directory inode, verifying its tree structure (fsck). */
    public List<DirRecord> inspectDirectory(Inode d) throws VexfsException {
        return read(ev -> dir(d).verifyAll());
    }

    /** Parent recorded in a directory's header (fsck). */
    public long inspectParent(Inode d) throws VexfsException {
        return read(ev -> dir(d).parent());
    }

    /** Xattrs of an inode, decoding them (fsck). */
    public XattrList inspectXattrs(Inode in) throws VexfsException {
        return read(ev -> xattrs(in));
    }

    /**
     * Problems in the vector xattrs of {@code in} (fsck): spaces that do not exist, wrong lengths,
     * non-finite components, vectors on non-regular files, malformed space definitions on the root.
     */
    public List<String> inspectVectors(Inode in) throws VexfsException {
        return read(ev -> {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : xattrs(in).entries().entrySet()) {
                String n = e.getKey();
                if (n.startsWith(VectorCodec.SPACE_PREFIX)) {
                    if (in.ino != ROOT_INODE) {
                        out.add("vector space definition " + n + " outside the root directory");
                        continue;
                    }
                    try {
                        VectorCodec.decodeSpec(n.substring(VectorCodec.SPACE_PREFIX.length()), e.getValue());
                    } catch (VexfsException ex) {
                        out.add(ex.getMessage());
                    }
                } else if (n.startsWith(VectorCodec.VECTOR_PREFIX)) {
                    String space = n.substring(VectorCodec.VECTOR_PREFIX.length());
                    VectorCatalog.Space sp = vectors.space(space);
                    if (in.type() != FileType.REGULAR) {
                        out.add("vector " + space + " on a non-regular file");
                    } else if (sp == null) {
                        out.add("vector in unknown space " + space);
                    } else {
                        try {
                            float[] v = VectorCodec.decodeVector(sp.spec, e.getValue(), in.ino);
                            for (float f : v) {
                                if (!Float.isFinite(f)) {
                                    out.add("vector " + space + " has a non-finite component");
                                    break;
                                }
                            }
                        } catch (VexfsException ex) {
                            out.add(ex.getMessage());
                        }
                    }
                } else if (n.startsWith(VectorCodec.GRAPH_PREFIX)) {
                    if (in.ino != ROOT_INODE) {
                        out.add("vector graph reference " + n + " outside the root directory");
                    } else {
                        try {
                            VectorCodec.GraphRef.decode(n, e.getValue());
                        } catch (VexfsException ex) {
                            out.add(ex.getMessage());
                        }
                    }
                } else if (n.startsWith(RESERVED_XATTR_PREFIX)) {
                    out.add("unknown reserved xattr " + n);
                }
            }
            return out;
        });
    }

    /** The symlink target bytes (fsck). */
    public byte[] inspectSymlink(Inode in) throws VexfsException {
        return read(ev -> symlinkTarget(in));
    }
}
