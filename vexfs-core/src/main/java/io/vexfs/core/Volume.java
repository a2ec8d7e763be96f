package io.vexfs.core;

import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An open VexFS volume: the core's one interface to front ends (NIO provider, CLI).
 *
 * <p>Paths are absolute, '/'-separated strings inside the volume ({@code "/a/b"}); components are
 * UTF-8 names of 1..255 bytes. {@code "."} and {@code ".."} are resolved lexically by front ends and
 * physically here. Every failure is a {@link VexfsException} carrying the errno and a detail naming
 * the path. All methods are thread-safe.
 */
public interface Volume extends Closeable {

    /** Creates a new volume image at {@code image} (which must not exist unless {@code overwrite}). */
    static void mkfs(Path image, MkfsOptions options) throws VexfsException {
        io.vexfs.core.engine.Mkfs.format(image, options);
    }

    /** Opens (and if needed recovers) the volume in {@code image}. */
    static Volume open(Path image, VolumeOptions options) throws VexfsException {
        return io.vexfs.core.engine.VolumeEngine.open(image, options);
    }

    /** The image file this volume lives in. */
    Path image();

    boolean isReadOnly();

    /** The volume label. */
    String label();

    /** Volume UUID as 32 lowercase hex digits. */
    String uuid();

    VexfsStats statfs() throws VexfsException;

    // ----------------------------------------------------------------- names

    /** Attributes of the object at {@code path}; with {@code follow}, a final symlink is followed. */
    FileStat stat(String path, boolean follow) throws VexfsException;

    /** Attributes of the object behind {@code path}, or empty if it does not exist (ENOENT only). */
    Optional<FileStat> tryStat(String path, boolean follow) throws VexfsException;

    /** Creates a directory; {@code EEXIST} if anything exists there. */
    void mkdir(String path, int permissions) throws VexfsException;

    /** Creates a symbolic link at {@code path} pointing to {@code target} (any string, dangling allowed). */
    void symlink(String path, String target) throws VexfsException;

    /** The target of the symlink at {@code path}; {@code EINVAL} if it is not a symlink. */
    String readlink(String path) throws VexfsException;

    /** Creates a hard link {@code newPath} to the non-directory {@code existing} (not followed if a symlink). */
    void link(String existing, String newPath) throws VexfsException;

    /** Removes a non-directory entry; the inode is freed when its last link and last open handle go. */
    void unlink(String path) throws VexfsException;

    /** Removes an empty directory. */
    void rmdir(String path) throws VexfsException;

    /**
     * Renames {@code from} to {@code to} atomically. An existing {@code to} is replaced (file over file,
     * empty directory over directory) unless {@code noReplace}; moving a directory under itself is
     * {@code EINVAL}.
     */
    void rename(String from, String to, boolean noReplace) throws VexfsException;

    /**
     * Up to {@code max} entries of the directory at {@code path} that come after {@code after}
     * (null: from the start), in stable key order. {@code "."} and {@code ".."} are not listed.
     */
    List<DirEntry> readdir(String path, DirCursor after, int max) throws VexfsException;

    /** Resolves symlinks in every component: the canonical absolute path. */
    String realPath(String path) throws VexfsException;

    // ------------------------------------------------------------ attributes

    void setTimes(String path, boolean follow, TimesUpdate times) throws VexfsException;

    void chmod(String path, boolean follow, int permissions) throws VexfsException;

    void chown(String path, boolean follow, int uid, int gid) throws VexfsException;

    /** Checks access for the volume's configured user: any of {@link Access} READ/WRITE/EXECUTE. */
    void checkAccess(String path, int accessMask) throws VexfsException;

    Optional<byte[]> getXattr(String path, boolean follow, String name) throws VexfsException;

    void setXattr(String path, boolean follow, String name, byte[] value) throws VexfsException;

    /** Removes an xattr; {@code ENODATA} if absent. */
    void removeXattr(String path, boolean follow, String name) throws VexfsException;

    List<String> listXattrs(String path, boolean follow) throws VexfsException;

    // --------------------------------------------------------------- vectors

    /** Declares a vector space; {@code EEXIST} if the name is taken, {@code EINVAL} if the format cannot hold it. */
    void createVectorSpace(io.vexfs.api.VectorSpec spec) throws VexfsException;

    /** The declared vector spaces, by name. */
    List<io.vexfs.api.VectorSpec> vectorSpaces() throws VexfsException;

    /** Drops a space and every vector stored in it; {@code ENOENT} if unknown. */
    void dropVectorSpace(String name) throws VexfsException;

    /**
     * Sets the vector of a regular file (a final symlink is followed) in {@code space}, replacing any
     * previous one. Journaled with the file's metadata; visible to searches at once.
     */
    void setVector(String path, String space, float[] vector) throws VexfsException;

    Optional<float[]> getVector(String path, String space) throws VexfsException;

    /** Removes a file's vector; false if it had none. */
    boolean removeVector(String path, String space) throws VexfsException;

    /** The {@code k} files under directory {@code scope} whose vectors are nearest {@code query}, best first. */
    List<VectorHit> search(String scope, String space, float[] query, int k, VectorQuery options)
            throws VexfsException;

    // ------------------------------------------------------------------ data

    /** Opens a regular file for I/O (creating it per {@code options}). The handle pins the inode. */
    FileHandle open(String path, OpenMode options) throws VexfsException;

    /**
     * The current absolute path of directory inode {@code inode} (as it stands after any renames),
     * provided it still exists with {@code generation} (-1: any); {@code ENOENT} otherwise. Lets a
     * holder of a directory (a secure directory stream, a watch) follow it by identity.
     */
    String directoryPath(long inode, int generation) throws VexfsException;

    /** Makes every change made so far durable (journal commit + device force). */
    void sync() throws VexfsException;

    /** Registers a listener for directory changes (create / delete / modify of entries). */
    void addChangeListener(ChangeListener listener);

    void removeChangeListener(ChangeListener listener);

    /** Flushes everything durably, marks the volume clean and releases it. Idempotent. */
    @Override
    void close() throws VexfsException;
}
