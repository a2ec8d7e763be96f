package io.vexfs.nio;

import io.vexfs.api.SearchHit;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.VectorHit;
import io.vexfs.core.VectorQuery;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Vectors on files of a vexfs volume: declare vector spaces, attach one vector per (file, space),
 * and search for the nearest files, answered with their current paths.
 *
 * <p>Bad input (wrong dimension, NaN/Inf components, unknown space, {@code k <= 0}) is an
 * {@link IllegalArgumentException} naming the reason; filesystem failures are the usual
 * {@code java.nio.file} exceptions with the path and errno.
 */
public final class VexfsFiles {
    private VexfsFiles() {
    }

    private static VexfsFileSystem vexfs(FileSystem fs) {
        Objects.requireNonNull(fs, "fs");
        if (!(fs instanceof VexfsFileSystem v)) {
            throw new ProviderMismatchException("not a vexfs file system: " + fs);
        }
        v.ensureOpen();
        return v;
    }

    /** Maps a core failure: validation errors become IllegalArgumentException, the rest file-system exceptions. */
    private static IOException failure(VexfsException e, Path path) {
        if (e.error() == VexfsError.EINVAL) {
            throw new IllegalArgumentException(e.detail(), e);
        }
        return ExceptionMapper.map(e, path);
    }

    /** Declares a vector space; {@link FileAlreadyExistsException} if the name exists. */
    public static void createVectorSpace(FileSystem fs, VectorSpec spec) throws IOException {
        VexfsFileSystem v = vexfs(fs);
        Objects.requireNonNull(spec, "spec");
        v.ensureWritable(null);
        try {
            v.volume().createVectorSpace(spec);
        } catch (VexfsException e) {
            if (e.error() == VexfsError.EEXIST) {
                throw new FileAlreadyExistsException(spec.name(), null, "vector space already exists");
            }
            throw failure(e, v.root());
        }
    }

    /** The vector spaces of the volume. */
    public static List<VectorSpec> vectorSpaces(FileSystem fs) throws IOException {
        VexfsFileSystem v = vexfs(fs);
        try {
            return v.volume().vectorSpaces();
        } catch (VexfsException e) {
            throw failure(e, v.root());
        }
    }

    /** Drops a vector space and every vector in it. */
    public static void dropVectorSpace(FileSystem fs, String name) throws IOException {
        VexfsFileSystem v = vexfs(fs);
        v.ensureWritable(null);
        try {
            v.volume().dropVectorSpace(Objects.requireNonNull(name, "name"));
        } catch (VexfsException e) {
            throw failure(e, v.root());
        }
    }

    /** Sets the vector of {@code file} in {@code space} (replacing any previous one). */
    public static void setVector(Path file, String space, float[] vector) throws IOException {
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(file);
        p.getFileSystem().ensureWritable(p);
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(vector, "vector");
        try {
            p.getFileSystem().volume().setVector(p.volumePath(), space, vector);
        } catch (VexfsException e) {
            throw failure(e, p);
        }
    }

    /** The vector of {@code file} in {@code space}, if it has one. */
    public static Optional<float[]> getVector(Path file, String space) throws IOException {
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(file);
        p.getFileSystem().ensureOpen();
        try {
            return p.getFileSystem().volume().getVector(p.volumePath(), Objects.requireNonNull(space, "space"));
        } catch (VexfsException e) {
            throw failure(e, p);
        }
    }

    /** Removes the vector of {@code file} in {@code space}; false if it had none. */
    public static boolean removeVector(Path file, String space) throws IOException {
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(file);
        p.getFileSystem().ensureWritable(p);
        try {
            return p.getFileSystem().volume().removeVector(p.volumePath(), Objects.requireNonNull(space, "space"));
        } catch (VexfsException e) {
            throw failure(e, p);
        }
    }

    /** The {@code k} files under directory {@code scope} nearest to {@code query}, best first. */
    public static List<SearchHit> search(Path scope, String space, float[] query, int k) throws IOException {
        return search(scope, space, query, k, SearchOptions.defaults());
    }

    /** As {@link #search(Path, String, float[], int)}, with exact/approximate choice, beam width and a filter. */
    public static List<SearchHit> search(Path scope, String space, float[] query, int k, SearchOptions options)
            throws IOException {
        VexfsPath p = VexfsFileSystemProvider.toVexfsPath(scope);
        VexfsFileSystem fs = p.getFileSystem();
        fs.ensureOpen();
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(query, "query");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        SearchOptions o = options == null ? SearchOptions.defaults() : options;
        VectorQuery q = new VectorQuery(o.exact(), o.ef(),
                o.filter() == null ? null : s -> o.filter().test(fs.getPath(s)));
        try {
            List<VectorHit> hits = fs.volume().search(p.volumePath(), space, query, k, q);
            List<SearchHit> out = new ArrayList<>(hits.size());
            for (VectorHit h : hits) {
                out.add(new SearchHit(fs.getPath(h.path()), h.score()));
            }
            return out;
        } catch (VexfsException e) {
            throw failure(e, p);
        }
    }
}
