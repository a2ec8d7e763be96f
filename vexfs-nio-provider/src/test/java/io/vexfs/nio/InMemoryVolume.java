package io.vexfs.nio;

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
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.TimesUpdate;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A POSIX-like in-memory {@link Volume} with the core's contract, used to test the provider while (or
 * where) the engine is not available. Selected with {@code -Dvexfs.test.volume=memory}.
 */
final class InMemoryVolume implements Volume {

    /** Launches in-memory volumes; the image file is a marker, the tree lives in this JVM. */
    static final VolumeLauncher LAUNCHER = new VolumeLauncher() {
        @Override
        public void mkfs(Path image, MkfsOptions options) throws VexfsException {
            try {
                if (options.overwrite()) {
                    Files.deleteIfExists(image);
                }
                // the superblock magic, so the provider's path sniffing recognizes the marker file
                Files.write(image, new byte[] {0x56, 0x58, 0x46, 0x53}, java.nio.file.StandardOpenOption.CREATE_NEW);
                STATES.put(image.toRealPath(), new State(options.sizeBytes(), options.label()));
            } catch (IOException e) {
                throw new VexfsException(VexfsError.EIO, "mkfs " + image + ": " + e, e);
            }
        }

        @Override
        public Volume open(Path image, VolumeOptions options) throws VexfsException {
            State state;
            try {
                state = STATES.get(image.toRealPath());
            } catch (IOException e) {
                throw new VexfsException(VexfsError.ENOENT, "image " + image + ": " + e, e);
            }
            if (state == null) {
                throw new VexfsException(VexfsError.EUCLEAN, "not an in-memory vexfs image: " + image);
            }
            return new InMemoryVolume(image, state, options);
        }
    };

    private static final Map<Path, State> STATES = new ConcurrentHashMap<>();
    private static final long ROOT = 1;

    private static final class Node {
        final long ino;
        final int generation = 1;
        final FileType type;
        int perms;
        int uid;
        int gid;
        long nlink;
        long atime;
        long mtime;
        long ctime;
        long crtime;
        byte[] data = new byte[0];
        long size;
        final TreeMap<String, Long> entries = new TreeMap<>();
        String target;
        final Map<String, byte[]> xattrs = new TreeMap<>();
        int handles;

        Node(long ino, FileType type, int perms, int uid, int gid) {
            this.ino = ino;
            this.type = type;
            this.perms = perms;
            this.uid = uid;
            this.gid = gid;
            long now = System.currentTimeMillis() * 1_000_000L + (System.nanoTime() % 1_000_000L + 1_000_000L)
                    % 1_000_000L;
            atime = mtime = ctime = crtime = now;
        }

        FileStat stat() {
            return new FileStat(ino, generation, type, perms, nlink, uid, gid, size, (size + 4095) / 4096, atime,
                    mtime, ctime, crtime);
        }
    }

    private static final class State {
        final long sizeBytes;
        final String label;
        final Map<Long, Node> inodes = new HashMap<>();
        long nextIno = ROOT + 1;

        State(long sizeBytes, String label) {
            this.sizeBytes = sizeBytes;
            this.label = label;
            Node root = new Node(ROOT, FileType.DIRECTORY, 0755, 0, 0);
            root.nlink = 2;
            inodes.put(ROOT, root);
        }
    }

    private final Path image;
    private final State s;
    private final VolumeOptions options;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private InMemoryVolume(Path image, State state, VolumeOptions options) {
        this.image = image;
        this.s = state;
        this.options = options;
    }

    private static VexfsException err(VexfsError e, String detail) {
        return new VexfsException(e, detail);
    }

    private void checkOpen() throws VexfsException {
        if (closed) {
            throw err(VexfsError.EIO, "volume closed");
        }
    }

    private void checkWritable(String path) throws VexfsException {
        checkOpen();
        if (options.readOnly()) {
            throw err(VexfsError.EROFS, path);
        }
    }

    private boolean permitted(Node n, int mask) {
        int uid = options.uid();
        if (uid < 0 || mask == 0) {
            return true;
        }
        int bits = uid == n.uid ? (n.perms >> 6) & 7 : options.gid() == n.gid ? (n.perms >> 3) & 7 : n.perms & 7;
        return (bits & mask) == mask;
    }

    private void require(Node n, int mask, String path) throws VexfsException {
        if (!permitted(n, mask)) {
            throw err(VexfsError.EACCES, path);
        }
    }

    // ------------------------------------------------------------------ resolution

    private record Resolved(Node node, String canonical) {
    }

    private record ParentAndName(Node parent, String parentPath, String name) {
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    private Resolved resolve(String path, boolean followLast) throws VexfsException {
        Deque<String> todo = new ArrayDeque<>(components(path));
        Deque<Node> stack = new ArrayDeque<>();
        List<String> names = new ArrayList<>();
        stack.push(s.inodes.get(ROOT));
        int links = 0;
        while (!todo.isEmpty()) {
            String comp = todo.pollFirst();
            if (comp.equals(".")) {
                if (stack.peek().type != FileType.DIRECTORY) {
                    throw err(VexfsError.ENOTDIR, path);
                }
                continue;
            }
            if (comp.equals("..")) {
                if (stack.size() > 1) {
                    stack.pop();
                    names.removeLast();
                }
                continue;
            }
            Node cur = stack.peek();
            if (cur.type != FileType.DIRECTORY) {
                throw err(VexfsError.ENOTDIR, path);
            }
            require(cur, Access.EXECUTE, path);
            if (comp.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw err(VexfsError.ENAMETOOLONG, path);
            }
            Long childIno = cur.entries.get(comp);
            if (childIno == null) {
                throw err(VexfsError.ENOENT, path);
            }
            Node child = s.inodes.get(childIno);
            if (child.type == FileType.SYMLINK && (!todo.isEmpty() || followLast)) {
                if (++links > 40) {
                    throw err(VexfsError.ELOOP, path);
                }
                List<String> t = components(child.target);
                for (int i = t.size() - 1; i >= 0; i--) {
                    todo.addFirst(t.get(i));
                }
                if (child.target.startsWith("/")) {
                    while (stack.size() > 1) {
                        stack.pop();
                    }
                    names.clear();
                }
                continue;
            }
            stack.push(child);
            names.add(comp);
        }
        return new Resolved(stack.peek(), "/" + String.join("/", names));
    }

    private ParentAndName parentOf(String path) throws VexfsException {
        List<String> comps = components(path);
        if (comps.isEmpty()) {
            throw err(VexfsError.EEXIST, path + " is the root");
        }
        String name = comps.getLast();
        if (name.equals(".") || name.equals("..")) {
            throw err(VexfsError.EINVAL, path);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw err(VexfsError.ENAMETOOLONG, path);
        }
        Resolved parent = resolve("/" + String.join("/", comps.subList(0, comps.size() - 1)), true);
        if (parent.node.type != FileType.DIRECTORY) {
            throw err(VexfsError.ENOTDIR, path);
        }
        return new ParentAndName(parent.node, parent.canonical, name);
    }

    private void emit(String dir, String name, ChangeListener.Kind kind) {
        long ino;
        try {
            ino = resolve(dir, true).node.ino;
        } catch (VexfsException e) {
            return;
        }
        for (ChangeListener l : listeners) {
            l.changed(dir, ino, name, kind);
        }
    }

    @Override
    public String directoryPath(long inode, int generation) throws VexfsException {
        synchronized (s) {
            checkOpen();
            String found = find(ROOT, "", inode);
            Node n = s.inodes.get(inode);
            if (found == null || n == null || n.type != FileType.DIRECTORY || (generation >= 0 && n.generation != generation)) {
                throw err(VexfsError.ENOENT, "directory inode " + inode);
            }
            return found.isEmpty() ? "/" : found;
        }
    }

    /** Depth-first search for the path of directory {@code want} below {@code at} (whose path is {@code path}). */
    private String find(long at, String path, long want) {
        if (at == want) {
            return path;
        }
        Node n = s.inodes.get(at);
        if (n == null || n.type != FileType.DIRECTORY) {
            return null;
        }
        for (Map.Entry<String, Long> e : n.entries.entrySet()) {
            String r = find(e.getValue(), path + "/" + e.getKey(), want);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private Node newNode(FileType type, int perms) {
        Node n = new Node(s.nextIno++, type, perms & 07777, Math.max(0, options.uid()), Math.max(0, options.gid()));
        s.inodes.put(n.ino, n);
        return n;
    }

    private void addEntry(ParentAndName pn, Node n, String path) throws VexfsException {
        require(pn.parent, Access.WRITE | Access.EXECUTE, path);
        pn.parent.entries.put(pn.name, n.ino);
        pn.parent.mtime = pn.parent.ctime = now();
        n.nlink += n.type == FileType.DIRECTORY ? 2 : 1;
        if (n.type == FileType.DIRECTORY) {
            pn.parent.nlink++;
        }
    }

    private void dropLink(Node n) {
        n.nlink -= n.type == FileType.DIRECTORY ? 2 : 1;
        n.ctime = now();
        maybeFree(n);
    }

    private void maybeFree(Node n) {
        if (n.nlink <= 0 && n.handles == 0) {
            s.inodes.remove(n.ino);
        }
    }

    // ------------------------------------------------------------------ Volume

    @Override
    public Path image() {
        return image;
    }

    @Override
    public boolean isReadOnly() {
        return options.readOnly();
    }

    @Override
    public String label() {
        return s.label;
    }

    @Override
    public String uuid() {
        return "00000000000000000000000000000001";
    }

    @Override
    public VexfsStats statfs() throws VexfsException {
        synchronized (s) {
            return statfsLocked();
        }
    }

    private VexfsStats statfsLocked() throws VexfsException {
        checkOpen();
        long total = s.sizeBytes / 4096;
        long used = 16;
        for (Node n : s.inodes.values()) {
            used += (n.size + 4095) / 4096;
        }
        long inodes = Math.max(64, s.sizeBytes / 16384);
        return new VexfsStats(4096, total, Math.max(0, total - used), inodes, inodes - s.inodes.size(), Map.of());
    }

    @Override
    public FileStat stat(String path, boolean follow) throws VexfsException {
        synchronized (s) {
            checkOpen();
            return resolve(path, follow).node.stat();
        }
    }

    @Override
    public Optional<FileStat> tryStat(String path, boolean follow) throws VexfsException {
        try {
            return Optional.of(stat(path, follow));
        } catch (VexfsException e) {
            if (e.error() == VexfsError.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void mkdir(String path, int permissions) throws VexfsException {
        ParentAndName pn;
        synchronized (s) {
            checkWritable(path);
            pn = parentOf(path);
            if (pn.parent.entries.containsKey(pn.name)) {
                throw err(VexfsError.EEXIST, path);
            }
            Node n = newNode(FileType.DIRECTORY, permissions);
            addEntry(pn, n, path);
        }
        emit(pn.parentPath, pn.name, ChangeListener.Kind.CREATE);
    }

    @Override
    public void symlink(String path, String target) throws VexfsException {
        ParentAndName pn;
        synchronized (s) {
            checkWritable(path);
            pn = parentOf(path);
            if (pn.parent.entries.containsKey(pn.name)) {
                throw err(VexfsError.EEXIST, path);
            }
            Node n = newNode(FileType.SYMLINK, 0777);
            n.target = target;
            n.size = target.getBytes(StandardCharsets.UTF_8).length;
            addEntry(pn, n, path);
        }
        emit(pn.parentPath, pn.name, ChangeListener.Kind.CREATE);
    }

    @Override
    public String readlink(String path) throws VexfsException {
        synchronized (s) {
            checkOpen();
            Node n = resolve(path, false).node;
            if (n.type != FileType.SYMLINK) {
                throw err(VexfsError.EINVAL, path + " is not a symbolic link");
            }
            return n.target;
        }
    }

    @Override
    public void link(String existing, String newPath) throws VexfsException {
        ParentAndName pn;
        synchronized (s) {
            checkWritable(newPath);
            Node n = resolve(existing, false).node;
            if (n.type == FileType.DIRECTORY) {
                throw err(VexfsError.EPERM, existing + " is a directory");
            }
            pn = parentOf(newPath);
            if (pn.parent.entries.containsKey(pn.name)) {
                throw err(VexfsError.EEXIST, newPath);
            }
            addEntry(pn, n, newPath);
            n.ctime = now();
        }
        emit(pn.parentPath, pn.name, ChangeListener.Kind.CREATE);
    }

    @Override
    public void unlink(String path) throws VexfsException {
        ParentAndName pn;
        synchronized (s) {
            checkWritable(path);
            pn = parentOf(path);
            Long ino = pn.parent.entries.get(pn.name);
            if (ino == null) {
                throw err(VexfsError.ENOENT, path);
            }
            Node n = s.inodes.get(ino);
            if (n.type == FileType.DIRECTORY) {
                throw err(VexfsError.EISDIR, path);
            }
            require(pn.parent, Access.WRITE | Access.EXECUTE, path);
            pn.parent.entries.remove(pn.name);
            pn.parent.mtime = pn.parent.ctime = now();
            dropLink(n);
        }
        emit(pn.parentPath, pn.name, ChangeListener.Kind.DELETE);
    }

    @Override
    public void rmdir(String path) throws VexfsException {
        ParentAndName pn;
        synchronized (s) {
            checkWritable(path);
            if (components(path).isEmpty()) {
                throw err(VexfsError.EBUSY, "cannot remove the root");
            }
            pn = parentOf(path);
            Long ino = pn.parent.entries.get(pn.name);
            if (ino == null) {
                throw err(VexfsError.ENOENT, path);
            }
            Node n = s.inodes.get(ino);
            if (n.type != FileType.DIRECTORY) {
                throw err(VexfsError.ENOTDIR, path);
            }
            if (!n.entries.isEmpty()) {
                throw err(VexfsError.ENOTEMPTY, path);
            }
            require(pn.parent, Access.WRITE | Access.EXECUTE, path);
            pn.parent.entries.remove(pn.name);
            pn.parent.nlink--;
            pn.parent.mtime = pn.parent.ctime = now();
            dropLink(n);
        }
        emit(pn.parentPath, pn.name, ChangeListener.Kind.DELETE);
    }

    @Override
    public void rename(String from, String to, boolean noReplace) throws VexfsException {
        ParentAndName a;
        ParentAndName b;
        synchronized (s) {
            checkWritable(from);
            a = parentOf(from);
            b = parentOf(to);
            Long ino = a.parent.entries.get(a.name);
            if (ino == null) {
                throw err(VexfsError.ENOENT, from);
            }
            Node n = s.inodes.get(ino);
            Long existingIno = b.parent.entries.get(b.name);
            if (existingIno != null && existingIno.equals(ino)) {
                return;
            }
            if (n.type == FileType.DIRECTORY && (b.parentPath + "/").startsWith(
                    (a.parentPath.equals("/") ? "" : a.parentPath) + "/" + a.name + "/")) {
                throw err(VexfsError.EINVAL, "cannot move " + from + " under itself");
            }
            require(a.parent, Access.WRITE | Access.EXECUTE, from);
            require(b.parent, Access.WRITE | Access.EXECUTE, to);
            if (existingIno != null) {
                if (noReplace) {
                    throw err(VexfsError.EEXIST, to);
                }
                Node old = s.inodes.get(existingIno);
                if (n.type == FileType.DIRECTORY && old.type != FileType.DIRECTORY) {
                    throw err(VexfsError.ENOTDIR, to);
                }
                if (n.type != FileType.DIRECTORY && old.type == FileType.DIRECTORY) {
                    throw err(VexfsError.EISDIR, to);
                }
                if (!old.entries.isEmpty()) {
                    throw err(VexfsError.ENOTEMPTY, to);
                }
                b.parent.entries.remove(b.name);
                if (old.type == FileType.DIRECTORY) {
                    b.parent.nlink--;
                }
                dropLink(old);
            }
            a.parent.entries.remove(a.name);
            b.parent.entries.put(b.name, ino);
            if (n.type == FileType.DIRECTORY) {
                a.parent.nlink--;
                b.parent.nlink++;
            }
            a.parent.mtime = b.parent.mtime = n.ctime = now();
        }
        emit(a.parentPath, a.name, ChangeListener.Kind.DELETE);
        emit(b.parentPath, b.name, ChangeListener.Kind.CREATE);
    }

    @Override
    public List<DirEntry> readdir(String path, DirCursor after, int max) throws VexfsException {
        synchronized (s) {
            checkOpen();
            Node dir = resolve(path, true).node;
            if (dir.type != FileType.DIRECTORY) {
                throw err(VexfsError.ENOTDIR, path);
            }
            require(dir, Access.READ, path);
            var tail = after == null ? dir.entries
                    : dir.entries.tailMap(new String(after.nameBytes(), StandardCharsets.UTF_8), false);
            List<DirEntry> out = new ArrayList<>();
            for (var e : tail.entrySet()) {
                if (out.size() == max) {
                    break;
                }
                Node n = s.inodes.get(e.getValue());
                out.add(new DirEntry(e.getKey(), n.ino, n.type,
                        new DirCursor(0, e.getKey().getBytes(StandardCharsets.UTF_8))));
            }
            return out;
        }
    }

    @Override
    public String realPath(String path) throws VexfsException {
        synchronized (s) {
            checkOpen();
            return resolve(path, true).canonical;
        }
    }

    @Override
    public void setTimes(String path, boolean follow, TimesUpdate times) throws VexfsException {
        synchronized (s) {
            checkWritable(path);
            Node n = resolve(path, follow).node;
            ownerOnly(n, path);
            if (times.mtimeNanos() != null) {
                n.mtime = times.mtimeNanos();
            }
            if (times.atimeNanos() != null) {
                n.atime = times.atimeNanos();
            }
            if (times.crtimeNanos() != null) {
                n.crtime = times.crtimeNanos();
            }
            n.ctime = now();
        }
    }

    private void ownerOnly(Node n, String path) throws VexfsException {
        if (options.uid() >= 0 && options.uid() != n.uid) {
            throw err(VexfsError.EPERM, path);
        }
    }

    @Override
    public void chmod(String path, boolean follow, int permissions) throws VexfsException {
        synchronized (s) {
            checkWritable(path);
            Node n = resolve(path, follow).node;
            ownerOnly(n, path);
            n.perms = permissions & 07777;
            n.ctime = now();
        }
    }

    @Override
    public void chown(String path, boolean follow, int uid, int gid) throws VexfsException {
        synchronized (s) {
            checkWritable(path);
            Node n = resolve(path, follow).node;
            if (options.uid() >= 0 && (uid != n.uid || options.uid() != n.uid)) {
                throw err(VexfsError.EPERM, path);
            }
            n.uid = uid;
            n.gid = gid;
            n.ctime = now();
        }
    }

    @Override
    public void checkAccess(String path, int accessMask) throws VexfsException {
        synchronized (s) {
            checkOpen();
            require(resolve(path, true).node, accessMask, path);
        }
    }

    @Override
    public Optional<byte[]> getXattr(String path, boolean follow, String name) throws VexfsException {
        synchronized (s) {
            checkOpen();
            byte[] v = resolve(path, follow).node.xattrs.get(name);
            return Optional.ofNullable(v == null ? null : v.clone());
        }
    }

    @Override
    public void setXattr(String path, boolean follow, String name, byte[] value) throws VexfsException {
        synchronized (s) {
            checkWritable(path);
            Node n = resolve(path, follow).node;
            require(n, Access.WRITE, path);
            n.xattrs.put(name, value.clone());
            n.ctime = now();
        }
    }

    @Override
    public void removeXattr(String path, boolean follow, String name) throws VexfsException {
        synchronized (s) {
            checkWritable(path);
            Node n = resolve(path, follow).node;
            if (n.xattrs.remove(name) == null) {
                throw err(VexfsError.ENODATA, path + ": " + name);
            }
        }
    }

    @Override
    public List<String> listXattrs(String path, boolean follow) throws VexfsException {
        synchronized (s) {
            checkOpen();
            return List.copyOf(resolve(path, follow).node.xattrs.keySet());
        }
    }

    @Override
    public FileHandle open(String path, OpenMode mode) throws VexfsException {
        Node n;
        ParentAndName pn = null;
        boolean created = false;
        synchronized (s) {
            checkOpen();
            if (mode.write() || mode.create()) {
                if (mode.write()) {
                    checkWritable(path);
                }
            }
            Optional<Resolved> r;
            try {
                r = Optional.of(resolve(path, mode.followLinks() && !mode.createNew()));
            } catch (VexfsException e) {
                if (e.error() != VexfsError.ENOENT) {
                    throw e;
                }
                r = Optional.empty();
            }
            if (r.isPresent() && mode.createNew()) {
                throw err(VexfsError.EEXIST, path);
            }
            if (r.isEmpty()) {
                if (!mode.create()) {
                    throw err(VexfsError.ENOENT, path);
                }
                checkWritable(path);
                pn = parentOf(path);
                Long existing = pn.parent.entries.get(pn.name);
                if (existing != null) { // a dangling symlink: create its target like POSIX would
                    String target = s.inodes.get(existing).target;
                    String dir = pn.parentPath;
                    String resolved = target.startsWith("/") ? target : dir + "/" + target;
                    pn = parentOf(resolved);
                }
                n = newNode(FileType.REGULAR, mode.permissions());
                addEntry(pn, n, path);
                created = true;
            } else {
                n = r.get().node;
                if (n.type == FileType.SYMLINK) {
                    throw err(VexfsError.ELOOP, path + " is a symbolic link (NOFOLLOW)");
                }
                if (n.type == FileType.DIRECTORY) {
                    throw err(VexfsError.EISDIR, path);
                }
                require(n, (mode.read() ? Access.READ : 0) | (mode.write() ? Access.WRITE : 0), path);
                if (mode.truncate() && mode.write()) {
                    n.data = new byte[0];
                    n.size = 0;
                    n.mtime = n.ctime = now();
                }
            }
            n.handles++;
        }
        if (created) {
            emit(pn.parentPath, pn.name, ChangeListener.Kind.CREATE);
        }
        return new Handle(n, mode, path);
    }

    private final class Handle implements FileHandle {
        private final Node n;
        private final OpenMode mode;
        private final String path;
        private final String parentPath;
        private final String name;
        private volatile boolean open = true;

        Handle(Node n, OpenMode mode, String path) {
            this.n = n;
            this.mode = mode;
            this.path = path;
            List<String> comps = components(path);
            this.name = comps.isEmpty() ? "" : comps.getLast();
            this.parentPath = "/" + String.join("/", comps.subList(0, Math.max(0, comps.size() - 1)));
        }

        private void check() throws VexfsException {
            checkOpen();
            if (!open) {
                throw err(VexfsError.EIO, "handle closed: " + path);
            }
        }

        @Override
        public long inode() {
            return n.ino;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws VexfsException {
            synchronized (s) {
                check();
                if (!mode.read()) {
                    throw err(VexfsError.EPERM, "not open for reading: " + path);
                }
                if (position >= n.size) {
                    return -1;
                }
                int len = (int) Math.min(dst.remaining(), n.size - position);
                dst.put(n.data, (int) position, len);
                return len;
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws VexfsException {
            int len;
            synchronized (s) {
                check();
                checkWritable(path);
                if (!mode.write()) {
                    throw err(VexfsError.EPERM, "not open for writing: " + path);
                }
                long at = mode.append() ? n.size : position;
                len = src.remaining();
                long end = at + len;
                if (end > Integer.MAX_VALUE - 8) {
                    throw err(VexfsError.EFBIG, path);
                }
                if (end > n.data.length) {
                    n.data = Arrays.copyOf(n.data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8,
                            n.data.length * 2L)));
                }
                src.get(n.data, (int) at, len);
                n.size = Math.max(n.size, end);
                n.mtime = n.ctime = now();
            }
            emit(parentPath, name, ChangeListener.Kind.MODIFY);
            return len;
        }

        @Override
        public long size() throws VexfsException {
            synchronized (s) {
                check();
                return n.size;
            }
        }

        @Override
        public void truncate(long size) throws VexfsException {
            synchronized (s) {
                check();
                checkWritable(path);
                if (size > Integer.MAX_VALUE - 8) {
                    throw err(VexfsError.EFBIG, path);
                }
                if (size < n.size) {
                    Arrays.fill(n.data, (int) size, (int) n.size, (byte) 0);
                } else if (size > n.data.length) {
                    n.data = Arrays.copyOf(n.data, (int) size);
                }
                n.size = size;
                n.mtime = n.ctime = now();
            }
        }

        @Override
        public void force(boolean metadata) throws VexfsException {
            check();
        }

        @Override
        public FileStat stat() throws VexfsException {
            synchronized (s) {
                check();
                return n.stat();
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            synchronized (s) {
                if (open) {
                    open = false;
                    n.handles--;
                    maybeFree(n);
                }
            }
        }
    }

    // vectors are not modelled here: the provider has no vector surface yet

    @Override
    public void createVectorSpace(io.vexfs.api.VectorSpec spec) throws VexfsException {
        throw err(VexfsError.EOPNOTSUPP, "vectors in the in-memory test volume");
    }

    @Override
    public List<io.vexfs.api.VectorSpec> vectorSpaces() {
        return List.of();
    }

    @Override
    public void dropVectorSpace(String name) throws VexfsException {
        throw err(VexfsError.ENOENT, name);
    }

    @Override
    public void setVector(String path, String space, float[] vector) throws VexfsException {
        throw err(VexfsError.EOPNOTSUPP, "vectors in the in-memory test volume");
    }

    @Override
    public Optional<float[]> getVector(String path, String space) {
        return Optional.empty();
    }

    @Override
    public boolean removeVector(String path, String space) {
        return false;
    }

    @Override
    public List<io.vexfs.core.VectorHit> search(String scope, String space, float[] query, int k,
                                                io.vexfs.core.VectorQuery options) throws VexfsException {
        throw err(VexfsError.EOPNOTSUPP, "vectors in the in-memory test volume");
    }

    @Override
    public void sync() throws VexfsException {
        checkOpen();
    }

    @Override
    public void addChangeListener(ChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(ChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
    }
}
