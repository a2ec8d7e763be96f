package io.vexfs.bench.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One side of the comparison: the same workloads against vexfs-core or the host file system.
 * Paths are relative names ({@code "big.bin"}, {@code "small-3"}); each target maps them to its own place.
 */
interface StorageTarget extends AutoCloseable {

    String name();

    /** Writes {@code totalBytes} to a new file {@code name}, chunk by chunk from {@code source}, then forces it. */
    void writeSequential(String name, long totalBytes, ChunkSource source) throws IOException;

    /** Reads the whole file into {@code buffer} repeatedly; returns a digest of what was read. */
    long readSequential(String name, ByteBuffer buffer) throws IOException;

    /** Reads {@code buffer.capacity()} bytes at each offset; returns a digest of what was read. */
    long readRandom(String name, long[] offsets, ByteBuffer buffer) throws IOException;

    /** Untimed: removes the file if present. */
    void delete(String name) throws IOException;

    /** Untimed: prepares an empty place for {@link #createSmallFiles}. */
    void beforeSmallFiles(String dir) throws IOException;

    /** Creates {@code count} files of {@code content} in {@code dir} (not yet durable). */
    void createSmallFiles(String dir, int count, ByteBuffer content) throws IOException;

    /** Makes everything {@link #createSmallFiles} wrote durable, with one sync. */
    void syncSmallFiles(String dir) throws IOException;

    /** Untimed: removes what {@link #createSmallFiles} created. */
    void afterSmallFiles(String dir) throws IOException;

    @Override
    void close() throws IOException;

    /** Produces the content of each chunk of a sequential write. */
    @FunctionalInterface
    interface ChunkSource {
        /** The content of chunk {@code index}, positioned for reading. */
        ByteBuffer chunk(long index);
    }
}
