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
    /**
     * Names, or null until first needed when the path was made from its string; the empty path has no
     * names but counts one (empty) name, as on Unix. Volatile: an array has no final-field guarantee.
     */
    private volatile String[] names;
    /**
     * The string form, or null until first needed; at least one of the two forms is always set. Not
     * volatile: a racing thread at worst builds the same immutable string again (as String#hashCode).
     */
    private String text;

    private VexfsPath(VexfsFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    private VexfsPath(VexfsFileSystem fs, boolean absolute, String[] names, String text) {
        this(fs, absolute, names);
        this.text = text;
    }

    private static final String[] NO_NAMES = new String[0];

    /** Parses {@code text}: repeated and trailing separators are dropped; NUL is rejected. */
    static VexfsPath parse(VexfsFileSystem fs, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new InvalidPathException(text, "Nul character not allowed");
        }
        int length = text.length();
        boolean absolute = length > 0 && text.charAt(0) == '/';
        // canonical text (what toString builds: no "//", no trailing '/' but the root's) is kept as it is and
        // split into names only when they are asked for
        if (text.indexOf("//") < 0 && (length <= 1 || text.charAt(length - 1) != '/')) {
            return new VexfsPath(fs, absolute, null, text);
        }
        return new VexfsPath(fs, absolute, split(text));
    }

    /** The names of {@code text}, empty names (repeated or trailing separators) dropped. */
    private static String[] split(String text) {
        int length = text.length();
        String[] parts = new String[8];
        int count = 0;
        int start = -1;
        for (int i = 0; i <= length; i++) {
            if (i == length || text.charAt(i) == '/') {
                if (start >= 0) {
                    if (count == parts.length) {
                        parts = Arrays.copyOf(parts, count * 2);
                    }
                    parts[count++] = text.substring(start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return count == 0 ? NO_NAMES : Arrays.copyOf(parts, count);
    }

    private String[] names() {
        String[] n = names;
        if (n == null) {
            n = split(text);
            names = n;
        }
        return n;
    }

    static VexfsPath root(VexfsFileSystem fs) {
        return new VexfsPath(fs, true, NO_NAMES, "/");
    }

    private VexfsPath with(boolean abs, String[] newNames) {
        return new VexfsPath(fs, abs, newNames);
    }

    private VexfsPath emptyPath() {
        return new VexfsPath(fs, false, NO_NAMES, "");
    }

    boolean isEmpty() {
        if (absolute) {
            return false;
        }
        String t = text;
        return t != null ? t.isEmpty() : names.length == 0;
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
        if (names().length == 0) {
            return absolute ? null : this;
        }
        if (names().length == 1 && !absolute) {
            return this;
        }
        return with(false, new String[] {names()[names().length - 1]});
    }

    @Override
    public VexfsPath getParent() {
        if (names().length == 0 || (names().length == 1 && !absolute)) {
            return null;
        }
        return with(absolute, Arrays.copyOf(names(), names().length - 1));
    }

    @Override
    public int getNameCount() {
        return isEmpty() ? 1 : names().length;
    }

    @Override
    public VexfsPath getName(int index) {
        if (isEmpty() && index == 0) {
            return this;
        }
        if (index < 0 || index >= names().length) {
            throw new IllegalArgumentException("name index " + index + " out of range for " + this);
        }
        return with(false, new String[] {names()[index]});
    }

    @Override
    public VexfsPath subpath(int beginIndex, int endIndex) {
        if (isEmpty() && beginIndex == 0 && endIndex == 1) {
            return this;
        }
        if (beginIndex < 0 || endIndex > names().length || beginIndex >= endIndex) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") out of range for " + this);
        }
        return with(false, Arrays.copyOfRange(names(), beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof VexfsPath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute != absolute || o.names().length > names().length) {
            return false;
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        for (int i = 0; i < o.names().length; i++) {
            if (!o.names()[i].equals(names()[i])) {
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
        if (o.names().length > names().length) {
            return false;
        }
        int offset = names().length - o.names().length;
        for (int i = 0; i < o.names().length; i++) {
            if (!o.names()[i].equals(names()[offset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public VexfsPath normalize() {
        List<String> out = new ArrayList<>(names().length);
        for (String name : names()) {
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
        return out.size() == names().length ? this : with(absolute, out.toArray(String[]::new));
    }

    private boolean hasDotOrDotDot() {
        for (String name : names()) {
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
        String base = text;
        String tail = o.text;
        if (base != null && tail != null) {
            // both string forms known: join the strings, names follow when asked for
            return new VexfsPath(fs, absolute, null, append(base, tail));
        }
        String[] n = names();
        String[] on = o.names();
        String[] joined = Arrays.copyOf(n, n.length + on.length);
        System.arraycopy(on, 0, joined, n.length, on.length);
        return with(absolute, joined);
    }

    /** This path with one more name (a directory entry): no parsing, the string is built once. */
    VexfsPath child(String name) {
        return new VexfsPath(fs, absolute, null, append(toString(), name));
    }

    /** {@code base} (this path's string) followed by the relative, non-empty path string {@code tail}. */
    private String append(String base, String tail) {
        if (base.isEmpty()) {
            return tail;
        }
        if (absolute && base.length() == 1) {
            return "/" + tail; // the root
        }
        return base + "/" + tail;
    }

    @Override
    public VexfsPath resolve(String other) {
        if (!other.isEmpty() && other.indexOf('/') < 0 && other.indexOf('\0') < 0) {
            return child(other); // one name, the common case: no parsing, no intermediate path
        }
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
        int n = Math.min(base.names().length, child.names().length);
        int i = 0;
        while (i < n && base.names()[i].equals(child.names()[i])) {
            i++;
        }
        String[] childRest = Arrays.copyOfRange(child.names(), i, child.names().length);
        String[] baseRest = Arrays.copyOfRange(base.names(), i, base.names().length);
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
        String t = text;
        return t != null ? new VexfsPath(fs, true, names, "/" + t) : with(true, names());
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
            t = (absolute ? "/" : "") + String.join("/", names());
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
