package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The one store of a volume, with live figures from the core's statfs. Attributes: {@code totalSpace},
 * {@code usableSpace}, {@code unallocatedSpace}, and {@code vexfs:blockSize}, {@code vexfs:totalBlocks},
 * {@code vexfs:freeBlocks}, {@code vexfs:totalInodes}, {@code vexfs:freeInodes}, {@code vexfs:uuid},
 * {@code vexfs:label}, {@code vexfs:vectorCounts}.
 */
final class VexfsFileStore extends FileStore {
    private final VexfsFileSystem fs;

    VexfsFileStore(VexfsFileSystem fs) {
        this.fs = fs;
    }

    private VexfsStats stats() throws IOException {
        fs.ensureOpen();
        try {
            return fs.volume().statfs();
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, fs.root());
        }
    }

    @Override
    public String name() {
        String label = fs.volume().label();
        return label == null || label.isEmpty() ? fs.imageKey().getFileName().toString() : label;
    }

    @Override
    public String type() {
        return "vexfs";
    }

    @Override
    public boolean isReadOnly() {
        return fs.isReadOnly();
    }

    @Override
    public long getTotalSpace() throws IOException {
        return stats().totalBytes();
    }

    @Override
    public long getUsableSpace() throws IOException {
        return fs.isReadOnly() ? 0 : stats().freeBytes();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        return stats().freeBytes();
    }

    @Override
    public long getBlockSize() throws IOException {
        return stats().blockSize();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class || type == UserDefinedFileAttributeView.class
                || type == VexfsFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return AttributeStrings.VIEWS.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return switch (attribute) {
            case "totalSpace" -> getTotalSpace();
            case "usableSpace" -> getUsableSpace();
            case "unallocatedSpace" -> getUnallocatedSpace();
            case "vexfs:blockSize" -> stats().blockSize();
            case "vexfs:totalBlocks" -> stats().totalBlocks();
            case "vexfs:freeBlocks" -> stats().freeBlocks();
            case "vexfs:totalInodes" -> stats().totalInodes();
            case "vexfs:freeInodes" -> stats().freeInodes();
            case "vexfs:vectorCounts" -> stats().vectorCounts();
            case "vexfs:uuid" -> fs.volume().uuid();
            case "vexfs:label" -> fs.volume().label();
            default -> throw new UnsupportedOperationException("file store attribute '" + attribute
                    + "' is not available");
        };
    }

    @Override
    public String toString() {
        return name() + " (" + fs + ")";
    }
}
