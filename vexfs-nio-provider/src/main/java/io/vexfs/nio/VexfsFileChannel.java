package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A {@link FileChannel} over a core {@link FileHandle}. Thread-safe: positional operations run
 * concurrently; operations on the channel position are serialized.
 *
 * <p>{@link #map} supports {@link MapMode#READ_ONLY} only and returns a <em>copy</em> of the requested
 * range taken at the time of the call (a direct buffer, or a segment of the given arena); later writes
 * to the file do not show in it, and the copy costs memory for its whole size.
 */
final class VexfsFileChannel extends FileChannel {
    private static final int TRANSFER_CHUNK = 64 * 1024;

    private final VexfsFileSystem fs;
    private final VexfsPath path;
    private final FileHandle handle;
    private final OpenRequest request;
    private final Object positionLock = new Object();
    /** This resource's link in the file system's {@link ResourceRegistry}. */
    private final ResourceRegistry.Node registration = new ResourceRegistry.Node(this);
    private long position;
    /** Set before a lock of this channel enters the table: only such channels sweep the table on close. */
    private volatile boolean everLocked;

    VexfsFileChannel(VexfsFileSystem fs, VexfsPath path, FileHandle handle, OpenRequest request) {
        this.fs = fs;
        this.path = path;
        this.handle = handle;
        this.request = request;
    }

    ResourceRegistry.Node registration() {
        return registration;
    }

    VexfsPath path() {
        return path;
    }

    boolean readable() {
        return request.read();
    }

    boolean writable() {
        return request.write();
    }

    long inode() {
        return handle.inode();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void ensureReadable() throws ClosedChannelException {
        ensureOpen();
        if (!request.read()) {
            throw new NonReadableChannelException();
        }
    }

    private void ensureWritable() throws ClosedChannelException {
        ensureOpen();
        if (!request.write()) {
            throw new NonWritableChannelException();
        }
    }

    private IOException mapped(VexfsException e) {
        return ExceptionMapper.map(e, path);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureReadable();
        synchronized (positionLock) {
            int n = readAt(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    private int readAt(ByteBuffer dst, long at) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            return handle.read(dst, at);
        } catch (VexfsException e) {
            throw mapped(e);
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ensureReadable();
        synchronized (positionLock) {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer dst = dsts[i];
                if (!dst.hasRemaining()) {
                    continue;
                }
                int n = readAt(dst, position);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                position += n;
                total += n;
                if (dst.hasRemaining()) {
                    break;
                }
            }
            return total;
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureWritable();
        synchronized (positionLock) {
            int n = writeAt(src, position);
            position = request.append() ? sizeNow() : position + n;
            return n;
        }
    }

    private int writeAt(ByteBuffer src, long at) throws IOException {
        try {
            return handle.write(src, at);
        } catch (VexfsException e) {
            throw mapped(e);
        }
    }

    private long sizeNow() throws IOException {
        try {
            return handle.size();
        } catch (VexfsException e) {
            throw mapped(e);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        ensureWritable();
        synchronized (positionLock) {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        synchronized (positionLock) {
            return position;
        }
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        ensureOpen();
        synchronized (positionLock) {
            position = newPosition;
        }
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return sizeNow();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        ensureWritable();
        synchronized (positionLock) {
            try {
                if (size < handle.size()) {
                    handle.truncate(size);
                }
            } catch (VexfsException e) {
                throw mapped(e);
            }
            if (position > size) {
                position = size;
            }
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        try {
            handle.force(metaData);
        } catch (VexfsException e) {
            throw mapped(e);
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        checkPositionCount(position, count);
        ensureReadable();
        if (!target.isOpen()) {
            throw new ClosedChannelException();
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(TRANSFER_CHUNK, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = readAt(buffer, position + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                int w = target.write(buffer);
                if (w == 0) {
                    // non-blocking target is full: report what it took
                    return done + (n - buffer.remaining());
                }
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        checkPositionCount(position, count);
        ensureWritable();
        if (!src.isOpen()) {
            throw new ClosedChannelException();
        }
        if (position > sizeNow()) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(TRANSFER_CHUNK, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                writeAt(buffer, position + done + (n - buffer.remaining()));
            }
            done += n;
        }
        return done;
    }

    private static void checkPositionCount(long position, long count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count: " + position + ", " + count);
        }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        ensureReadable();
        return readAt(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        ensureWritable();
        return writeAt(src, position);
    }

    /** {@link MapMode#READ_ONLY} only: a read-only copy of the range (see the class comment). */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        checkMap(mode, position, size);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size exceeds Integer.MAX_VALUE: " + size);
        }
        // a direct ByteBuffer is a MappedByteBuffer (not backed by a file)
        MappedByteBuffer copy = (MappedByteBuffer) ByteBuffer.allocateDirect((int) size);
        fill(copy, position);
        copy.clear();
        return (MappedByteBuffer) copy.asReadOnlyBuffer();
    }

    /** {@link MapMode#READ_ONLY} only: a read-only copy of the range in memory of {@code arena}. */
    @Override
    public MemorySegment map(MapMode mode, long offset, long size, Arena arena) throws IOException {
        Objects.requireNonNull(arena, "arena");
        checkMap(mode, offset, size);
        MemorySegment segment = allocate(arena, size);
        long done = 0;
        while (done < size) {
            int chunk = (int) Math.min(TRANSFER_CHUNK, size - done);
            ByteBuffer buffer = ByteBuffer.allocate(chunk);
            int n = readAt(buffer, offset + done);
            if (n <= 0) {
                break;
            }
            MemorySegment.copy(MemorySegment.ofArray(buffer.array()), 0, segment, done, n);
            done += n;
        }
        return segment.asReadOnly();
    }

    /**
     * Memory for a mapped copy, from {@code arena} (the segment must belong to it). Arenas that only map
     * files (Lucene's MMapDirectory uses such arenas) cannot hold a copy: that is refused clearly.
     */
    private MemorySegment allocate(Arena arena, long size) {
        try {
            return arena.allocate(Math.max(1, size)).asSlice(0, size);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("vexfs files cannot be memory-mapped, only copied into an "
                    + "arena that allocates; this arena does not (" + path + "). With Lucene use NIOFSDirectory "
                    + "instead of MMapDirectory / FSDirectory.open", e);
        }
    }

    private void checkMap(MapMode mode, long position, long size) throws IOException {
        Objects.requireNonNull(mode, "mode");
        if (position < 0 || size < 0 || position + size < 0) {
            throw new IllegalArgumentException("bad map range: position " + position + ", size " + size);
        }
        ensureOpen();
        if (mode != MapMode.READ_ONLY) {
            throw new UnsupportedOperationException("vexfs channels map READ_ONLY only (as a copy), not " + mode
                    + ": " + path);
        }
        if (!request.read()) {
            throw new NonReadableChannelException();
        }
    }

    private void fill(ByteBuffer copy, long position) throws IOException {
        while (copy.hasRemaining()) {
            int n = readAt(copy, position + copy.position());
            if (n <= 0) {
                break;
            }
        }
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return tryLock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        FileLockTable.checkRange(position, size);
        ensureOpen();
        if (shared && !request.read()) {
            throw new NonReadableChannelException();
        }
        if (!shared && !request.write()) {
            throw new NonWritableChannelException();
        }
        RangeLock lock = new RangeLock(this, fs.locks(), handle.inode(), position, size, shared);
        everLocked = true;
        fs.locks().add(lock);
        if (!isOpen()) {
            // closed meanwhile: its close may have swept the table before this lock got in
            fs.locks().remove(lock);
            throw new ClosedChannelException();
        }
        return lock;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        if (everLocked) {
            fs.locks().removeAll(this, handle.inode());
        }
        fs.resources().remove(registration);
        try {
            handle.close();
            if (request.deleteOnClose()) {
                fs.provider().deleteOnClose(path);
            }
        } catch (VexfsException e) {
            throw mapped(e);
        }
    }
}
