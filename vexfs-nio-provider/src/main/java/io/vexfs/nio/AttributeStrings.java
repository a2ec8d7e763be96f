package io.vexfs.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The string forms of attributes: {@code readAttributes(path, "view:a,b" | "view:*")} and
 * {@code setAttribute(path, "view:name", value)} for the views basic, posix, unix, owner, user, vexfs.
 */
final class AttributeStrings {
    static final Set<String> VIEWS = Set.of("basic", "posix", "unix", "owner", "user", "vexfs");

    private static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime", "size",
            "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    private static final List<String> POSIX_EXTRA = List.of("permissions", "owner", "group");
    private static final List<String> UNIX_EXTRA = List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid",
            "ctime");
    private static final List<String> VEXFS_EXTRA = List.of("inode", "generation", "blocks", "nlink", "mode", "uid",
            "gid", "ctime", "vectorSpaces");

    /** Prefix of the per-space vector attribute {@code vexfs:vector.<space>} (a float[]). */
    static final String VECTOR = "vector.";

    private AttributeStrings() {
    }

    /** View name and attribute names of {@code "view:a,b"} (view defaults to basic). */
    private record Spec(String view, List<String> names) {
        static Spec parse(String attributes) {
            int colon = attributes.indexOf(':');
            String view = colon < 0 ? "basic" : attributes.substring(0, colon);
            String list = colon < 0 ? attributes : attributes.substring(colon + 1);
            if (!VIEWS.contains(view)) {
                throw new UnsupportedOperationException("view '" + view + "' is not available (vexfs has "
                        + VIEWS + ")");
            }
            return new Spec(view, Arrays.asList(list.split(",")));
        }
    }

    private static List<String> namesOf(String view) {
        return switch (view) {
            case "basic" -> BASIC;
            case "owner" -> List.of("owner");
            case "posix" -> concat(BASIC, POSIX_EXTRA);
            case "unix" -> concat(concat(BASIC, POSIX_EXTRA), UNIX_EXTRA);
            case "vexfs" -> concat(concat(BASIC, POSIX_EXTRA), VEXFS_EXTRA);
            default -> List.of();
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    static Map<String, Object> read(VexfsPath path, String attributes, boolean follow) throws IOException {
        Spec spec = Spec.parse(attributes);
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec.view.equals("user")) {
            UserXattrView view = new UserXattrView(path, follow);
            List<String> names = spec.names.contains("*") ? view.list() : spec.names;
            for (String n : names) {
                out.put(n, view.get(n));
            }
            return out;
        }
        List<String> known = namesOf(spec.view);
        if (spec.view.equals("vexfs") && spec.names.size() == 1 && spec.names.getFirst().startsWith(VECTOR)) {
            String space = spec.names.getFirst().substring(VECTOR.length());
            out.put(spec.names.getFirst(), VexfsFiles.getVector(path, space).orElse(null));
            return out;
        }
        for (String n : spec.names) {
            if (!n.equals("*") && !known.contains(n)) {
                throw new IllegalArgumentException("'" + n + "' is not an attribute of view '" + spec.view + "'");
            }
        }
        VexfsFileAttributes a = new PathAttributeView(spec.view, path, follow).readAttributes();
        List<String> wanted = spec.names.contains("*") ? known : spec.names;
        for (String n : wanted) {
            out.put(n, n.equals("vectorSpaces") ? vectorSpaces(path, a) : value(a, n));
        }
        return out;
    }

    /** Names of the vector spaces in which the file has a vector (regular files only). */
    private static List<String> vectorSpaces(VexfsPath path, VexfsFileAttributes a) throws IOException {
        if (!a.isRegularFile()) {
            return List.of();
        }
        io.vexfs.core.Volume volume = path.getFileSystem().volume();
        List<String> out = new java.util.ArrayList<>();
        try {
            for (io.vexfs.api.VectorSpec space : volume.vectorSpaces()) {
                if (volume.getVector(path.volumePath(), space.name()).isPresent()) {
                    out.add(space.name());
                }
            }
        } catch (io.vexfs.api.VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
        return List.copyOf(out);
    }

    private static Object value(VexfsFileAttributes a, String name) {
        return switch (name) {
            case "lastModifiedTime" -> a.lastModifiedTime();
            case "lastAccessTime" -> a.lastAccessTime();
            case "creationTime" -> a.creationTime();
            case "size" -> a.size();
            case "isRegularFile" -> a.isRegularFile();
            case "isDirectory" -> a.isDirectory();
            case "isSymbolicLink" -> a.isSymbolicLink();
            case "isOther" -> a.isOther();
            case "fileKey" -> a.fileKey();
            case "permissions" -> a.permissions();
            case "owner" -> a.owner();
            case "group" -> a.group();
            case "mode" -> a.mode();
            case "ino", "inode" -> a.inode();
            case "dev" -> 0L;
            case "rdev" -> 0L;
            case "nlink" -> (int) a.linkCount();
            case "uid" -> a.uid();
            case "gid" -> a.gid();
            case "ctime" -> a.changeTime();
            case "generation" -> a.generation();
            case "blocks" -> a.blocks();
            default -> throw new IllegalArgumentException("unknown attribute '" + name + "'");
        };
    }

    static void set(VexfsPath path, String attribute, Object value, boolean follow) throws IOException {
        Spec spec = Spec.parse(attribute);
        if (spec.names.size() != 1 || spec.names.getFirst().equals("*")) {
            throw new IllegalArgumentException("setAttribute takes one attribute name, got '" + attribute + "'");
        }
        String name = spec.names.getFirst();
        if (spec.view.equals("user")) {
            ByteBuffer bytes = value instanceof byte[] b ? ByteBuffer.wrap(b) : (ByteBuffer) value;
            new UserXattrView(path, follow).write(name, bytes);
            return;
        }
        if (spec.view.equals("vexfs") && name.startsWith(VECTOR)) {
            String space = name.substring(VECTOR.length());
            if (value == null) {
                VexfsFiles.removeVector(path, space);
            } else if (value instanceof float[] v) {
                VexfsFiles.setVector(path, space, v);
            } else {
                throw new ClassCastException("vexfs:" + name + " takes a float[], got " + value.getClass().getName());
            }
            return;
        }
        if (!namesOf(spec.view).contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an attribute of view '" + spec.view + "'");
        }
        PathAttributeView view = new PathAttributeView(spec.view, path, follow);
        switch (name) {
            case "lastModifiedTime" -> view.setTimes((FileTime) value, null, null);
            case "lastAccessTime" -> view.setTimes(null, (FileTime) value, null);
            case "creationTime" -> view.setTimes(null, null, (FileTime) value);
            case "permissions" -> view.setPermissions(castSet(value));
            case "owner" -> view.setOwner((UserPrincipal) value);
            case "group" -> view.setGroup((GroupPrincipal) value);
            case "mode" -> view.setMode((Integer) value);
            case "uid" -> view.setIds((Integer) value, view.readAttributes().gid());
            case "gid" -> view.setIds(view.readAttributes().uid(), (Integer) value);
            default -> throw new IllegalArgumentException("'" + attribute + "' cannot be set");
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<java.nio.file.attribute.PosixFilePermission> castSet(Object value) {
        return (Set<java.nio.file.attribute.PosixFilePermission>) value;
    }
}
