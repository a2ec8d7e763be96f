package io.vexfs.nio;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path inside one VexFS volume: '/'-separated names, absolute when it starts with '/'. Relative paths
 * resolve against the volume root. Semantics follow the JDK's Unix paths (the empty path, lexical
 * {@code normalize}, {@code relativize}).
 */
final class VexfsPath implements Path {
    private final VexfsFileSystem fs;
    private final boolean absolute;
    /** Names; the empty path has no names but counts one (empty) name, as on Unix. */
    private final String[] names;
    private volatile String text;

    private VexfsPath(VexfsFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    /** Parses {@code text}: repeated and trailing separators are dropped; NUL is rejected. */
    static VexfsPath parse(VexfsFileSystem fs, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new InvalidPathException(text, "Nul character not allowed");
        }
        boolean absolute = text.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return new VexfsPath(fs, absolute, parts.toArray(String[]::new));
    }

    static VexfsPath root(VexfsFileSystem fs) {
        return new VexfsPath(fs, true, new String[0]);
    }

    private VexfsPath with(boolean abs, String[] newNames) {
        return new VexfsPath(fs, abs, newNames);
    }

    private VexfsPath emptyPath() {
        return with(false, new String[0]);
    }

    boolean isEmpty() {
        return !absolute && names.length == 0;
    }

    /** The absolute path string the core takes (not normalized: the core resolves ".." physically). */
    String volumePath() {
        return toAbsolutePath().toString();
    }

    @Override
    public VexfsFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public VexfsPath getRoot() {
        return absolute ? root(fs) : null;
    }

    @Override
    public VexfsPath getFileName() {
        if (names.length == 0) {
            return absolute ? null : this;
        }
        if (names.length == 1 && !absolute) {
            return this;
        }
        return with(false, new String[] {names[names.length - 1]});
    }

    @Override
    public VexfsPath getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return with(absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return isEmpty() ? 1 : names.length;
    }

    @Override
    public VexfsPath getName(int index) {
        if (isEmpty() && index == 0) {
            return this;
        }
        if (index < 0 || index >= names.length) {
            throw new IllegalArgumentException("name index " + index + " out of range for " + this);
        }
        return with(false, new String[] {names[index]});
    }

    @Override
    public VexfsPath subpath(int beginIndex, int endIndex) {
        if (isEmpty() && beginIndex == 0 && endIndex == 1) {
            return this;
        }
        if (beginIndex < 0 || endIndex > names.length || beginIndex >= endIndex) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") out of range for " + this);
        }
        return with(false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof VexfsPath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute != absolute || o.names.length > names.length) {
            return false;
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        for (int i = 0; i < o.names.length; i++) {
            if (!o.names[i].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof VexfsPath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute) {
            return equals(o);
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        if (o.names.length > names.length) {
            return false;
        }
        int offset = names.length - o.names.length;
        for (int i = 0; i < o.names.length; i++) {
            if (!o.names[i].equals(names[offset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public VexfsPath normalize() {
        List<String> out = new ArrayList<>(names.length);
        for (String name : names) {
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) {
                    out.removeLast();
                } else if (!absolute) {
                    out.add(name);
                }
                continue;
            }
            out.add(name);
        }
        return out.size() == names.length ? this : with(absolute, out.toArray(String[]::new));
    }

    private boolean hasDotOrDotDot() {
        for (String name : names) {
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public VexfsPath resolve(Path other) {
        VexfsPath o = checkPath(other);
        if (o.absolute) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return with(absolute, joined);
    }

    /** This path with one more name (a directory entry): no parsing, the string is built once. */
    VexfsPath child(String name) {
        String[] joined = Arrays.copyOf(names, names.length + 1);
        joined[names.length] = name;
        VexfsPath p = new VexfsPath(fs, absolute, joined);
        String base = toString();
        p.text = base.isEmpty() ? name : base.endsWith("/") ? base + name : base + "/" + name;
        return p;
    }

    @Override
    public VexfsPath resolve(String other) {
        return resolve(parse(fs, other));
    }

    @Override
    public VexfsPath relativize(Path other) {
        VexfsPath child = checkPath(other);
        if (child.equals(this)) {
            return emptyPath();
        }
        if (absolute != child.absolute) {
            throw new IllegalArgumentException("'other' is different type of Path");
        }
        if (isEmpty()) {
            return child;
        }
        VexfsPath base = this;
        if (base.hasDotOrDotDot() || child.hasDotOrDotDot()) {
            base = base.normalize();
            child = child.normalize();
        }
        int n = Math.min(base.names.length, child.names.length);
        int i = 0;
        while (i < n && base.names[i].equals(child.names[i])) {
            i++;
        }
        String[] childRest = Arrays.copyOfRange(child.names, i, child.names.length);
        String[] baseRest = Arrays.copyOfRange(base.names, i, base.names.length);
        for (String name : baseRest) {
            if (name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("Unable to compute relative path from " + this + " to " + other);
            }
        }
        String[] result = new String[baseRest.length + childRest.length];
        Arrays.fill(result, 0, baseRest.length, "..");
        System.arraycopy(childRest, 0, result, baseRest.length, childRest.length);
        return with(false, result);
    }

    @Override
    public URI toUri() {
        return VexfsUris.toUri(fs.imageUri(), toAbsolutePath().toString());
    }

    @Override
    public VexfsPath toAbsolutePath() {
        if (absolute) {
            return this;
        }
        return with(true, names);
    }

    @Override
    public VexfsPath toRealPath(LinkOption... options) throws IOException {
        return fs.provider().realPath(this, options);
    }

    /** Unsupported: a VexFS file is not a {@link File} of the default file system. */
    @Override
    public File toFile() {
        throw new UnsupportedOperationException("a vexfs path has no java.io.File form: " + toUri());
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        Objects.requireNonNull(watcher, "watcher");
        if (!(watcher instanceof VexfsWatchService service) || service.fileSystem() != fs) {
            throw new ProviderMismatchException("watch service of another file system");
        }
        return service.register(this, events, modifiers);
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(((VexfsPath) other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VexfsPath p && p.fs == fs && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = (absolute ? "/" : "") + String.join("/", names);
            text = t;
        }
        return t;
    }

    private VexfsPath checkPath(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof VexfsPath p)) {
            throw new ProviderMismatchException("not a vexfs path: " + other);
        }
        return p;
    }
}
