package io.vexfs.core.device;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device over an image file: reads from a read-only memory mapping of the whole image
 * (FFM {@link MemorySegment}, so images above 2 GiB work and reads are zero-syscall), writes
 * through positional channel writes (never through the mapping), force through {@code fdatasync}.
 * A writable device holds an exclusive OS lock on the image.
 */
public final class FileBlockDevice implements BlockDevice {
    private final Path path;
    private final FileChannel channel;
    private final boolean readOnly;
    private final long blocks;
    private final Arena arena;
    private final MemorySegment map;
    private final FileLock lock;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(256 * BLOCK_SIZE);
    private volatile boolean closed;

    private FileBlockDevice(Path path, FileChannel channel, boolean readOnly, long blocks, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
        this.blocks = blocks;
        this.lock = lock;
        this.arena = Arena.ofShared();
        MemorySegment m;
        try {
            m = channel.map(FileChannel.MapMode.READ_ONLY, 0, blocks * BLOCK_SIZE, arena);
        } catch (IOException | UnsupportedOperationException e) {
            m = null;
        }
        this.map = m;
    }

    /** Opens an existing image; {@code readOnly} opens it without write access and without a lock. */
    public static FileBlockDevice open(Path image, boolean readOnly) throws VexfsException {
        FileChannel ch;
        try {
            ch = readOnly ? FileChannel.open(image, StandardOpenOption.READ)
                    : FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new VexfsException(VexfsError.ENOENT, image + ": no such image file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new VexfsException(VexfsError.EACCES, image + ": access denied");
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, image + ": " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            if (size < 64L * BLOCK_SIZE) {
                throw new VexfsException(VexfsError.EUCLEAN, image + ": image is " + size
                        + " bytes, smaller than the 256 KiB minimum volume");
            }
            FileLock lock = null;
            if (!readOnly) {
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new VexfsException(VexfsError.EBUSY, image + ": volume is open elsewhere");
                }
            } else {
                // readers share; a writer in another process excludes them (it may be mid-journal)
                boolean sameProcess = false;
                try {
                    lock = ch.tryLock(0, Long.MAX_VALUE, true);
                } catch (OverlappingFileLockException e) {
                    sameProcess = true; // this JVM holds a lock on the image: its own engine coordinates
                }
                if (lock == null && !sameProcess) {
                    throw new VexfsException(VexfsError.EBUSY, image + ": volume is open for writing elsewhere");
                }
            }
            return new FileBlockDevice(image, ch, readOnly, size / BLOCK_SIZE, lock);
        } catch (VexfsException e) {
            closeQuietly(ch, e);
            throw e;
        } catch (IOException e) {
            VexfsException ve = new VexfsException(VexfsError.EIO, image + ": " + e.getMessage(), e);
            closeQuietly(ch, ve);
            throw ve;
        }
    }

    private static void closeQuietly(FileChannel ch, Exception primary) {
        try {
            ch.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public long blockCount() {
        return blocks;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkRange(long offset, long len) throws VexfsException {
        if (offset < 0 || len < 0 || offset > blocks * BLOCK_SIZE - len) {
            throw new VexfsException(VexfsError.EIO, path + ": access at byte " + offset + " length " + len
                    + " outside the device");
        }
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
        checkRange(offset, len);
        if (map != null) {
            MemorySegment.copy(map, ValueLayout.JAVA_BYTE, offset, dst, dstOff, len);
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(dst, dstOff, len);
        try {
            while (bb.hasRemaining()) {
                int n = channel.read(bb, offset + (bb.position() - dstOff));
                if (n < 0) {
                    throw new VexfsException(VexfsError.EIO, path + ": short read at byte " + offset);
                }
            }
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, path + ": read failed at byte " + offset + ": " + e, e);
        }
    }

    @Override
    public MemorySegment mapped(long offset, long length) {
        if (map == null || offset < 0 || length < 0 || offset > map.byteSize() - length) {
            return null;
        }
        return map.asSlice(offset, length).asReadOnly();
    }

    /** Copies device bytes straight into a buffer (zero intermediate copies when mapped). */
    @Override
    public void readInto(long offset, ByteBuffer dst, int len) throws VexfsException {
        checkRange(offset, len);
        if (map != null) {
            MemorySegment.ofBuffer(dst).asSlice(0, len).copyFrom(map.asSlice(offset, len));
            dst.position(dst.position() + len);
            return;
        }
        byte[] tmp = new byte[len];
        read(offset, tmp, 0, len);
        dst.put(tmp);
    }

    @Override
    public void write(long firstBlock, byte[][] data) throws VexfsException {
        if (readOnly) {
            throw new VexfsException(VexfsError.EROFS, path + ": device is read-only");
        }
        checkRange(firstBlock * BLOCK_SIZE, (long) data.length * BLOCK_SIZE);
        long pos = firstBlock * BLOCK_SIZE;
        try {
            synchronized (writeBuffer) {
                int i = 0;
                while (i < data.length) {
                    writeBuffer.clear();
                    while (i < data.length && writeBuffer.remaining() >= BLOCK_SIZE) {
                        writeBuffer.put(data[i++], 0, BLOCK_SIZE);
                    }
                    writeBuffer.flip();
                    while (writeBuffer.hasRemaining()) {
                        pos += channel.write(writeBuffer, pos);
                    }
                }
            }
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, path + ": write failed at block " + firstBlock + ": " + e, e);
        }
    }

    @Override
    public void force() throws VexfsException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, path + ": fsync failed: " + e, e);
        }
    }

    @Override
    public void close() throws VexfsException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            arena.close();
        } catch (IllegalStateException e) {
            // a reader still holds a slice: the arena stays alive until unreachable
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new VexfsException(VexfsError.EIO, path + ": close failed: " + e, e);
        }
    }
}
