package io.vexfs.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousFileChannel} that runs the blocking operations of a {@link VexfsFileChannel} on
 * the executor given at open (the common pool if none). Locks share the volume's lock table.
 */
final class VexfsAsynchronousFileChannel extends AsynchronousFileChannel {
    private final VexfsFileChannel channel;
    private final Executor executor;
    /** This resource's link in the file system's {@link ResourceRegistry}. */
    private final ResourceRegistry.Node registration = new ResourceRegistry.Node(this);

    VexfsAsynchronousFileChannel(VexfsFileChannel channel, ExecutorService executor) {
        this.channel = channel;
        this.executor = executor == null ? ForkJoinPool.commonPool() : executor;
    }

    @FunctionalInterface
    private interface Operation<V> {
        V run() throws IOException;
    }

    private <V> CompletableFuture<V> submit(Operation<V> op) {
        CompletableFuture<V> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                future.complete(op.run());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    private <V, A> void submit(Operation<V> op, A attachment, CompletionHandler<V, ? super A> handler) {
        executor.execute(() -> {
            V result;
            try {
                result = op.run();
            } catch (Throwable t) {
                handler.failed(t, attachment);
                return;
            }
            handler.completed(result, attachment);
        });
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public AsynchronousFileChannel truncate(long size) throws IOException {
        channel.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        channel.force(metaData);
    }

    private void checkLock(long position, long size, boolean shared) throws ClosedChannelException {
        FileLockTable.checkRange(position, size);
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
        if (shared && !channel.readable()) {
            throw new NonReadableChannelException();
        }
        if (!shared && !channel.writable()) {
            throw new NonWritableChannelException();
        }
    }

    private FileLock acquire(long position, long size, boolean shared) {
        VexfsFileSystem fs = channel.path().getFileSystem();
        RangeLock lock = new RangeLock(this, fs.locks(), channel.inode(), position, size, shared);
        fs.locks().add(lock);
        return lock;
    }

    @Override
    public <A> void lock(long position, long size, boolean shared, A attachment,
                         CompletionHandler<FileLock, ? super A> handler) {
        try {
            checkLock(position, size, shared);
        } catch (ClosedChannelException e) {
            executor.execute(() -> handler.failed(e, attachment));
            return;
        }
        submit(() -> acquire(position, size, shared), attachment, handler);
    }

    @Override
    public Future<FileLock> lock(long position, long size, boolean shared) {
        try {
            checkLock(position, size, shared);
        } catch (ClosedChannelException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(() -> acquire(position, size, shared));
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        checkLock(position, size, shared);
        return acquire(position, size, shared);
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
    }

    @Override
    public <A> void read(ByteBuffer dst, long position, A attachment,
                         CompletionHandler<Integer, ? super A> handler) {
        checkPosition(position);
        if (!channel.readable()) {
            throw new NonReadableChannelException();
        }
        submit(() -> channel.read(dst, position), attachment, handler);
    }

    @Override
    public Future<Integer> read(ByteBuffer dst, long position) {
        checkPosition(position);
        if (!channel.readable()) {
            throw new NonReadableChannelException();
        }
        return submit(() -> channel.read(dst, position));
    }

    @Override
    public <A> void write(ByteBuffer src, long position, A attachment,
                          CompletionHandler<Integer, ? super A> handler) {
        checkPosition(position);
        if (!channel.writable()) {
            throw new NonWritableChannelException();
        }
        submit(() -> channel.write(src, position), attachment, handler);
    }

    @Override
    public Future<Integer> write(ByteBuffer src, long position) {
        checkPosition(position);
        if (!channel.writable()) {
            throw new NonWritableChannelException();
        }
        return submit(() -> channel.write(src, position));
    }

    ResourceRegistry.Node registration() {
        return registration;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        VexfsFileSystem fs = channel.path().getFileSystem();
        fs.locks().removeAll(this, channel.inode());
        fs.resources().remove(registration);
        channel.close();
    }
}
