package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute, normalized '/'-separated paths inside a volume, as users type them on the command line. */
final class VolumePaths {
    private VolumePaths() {
    }

    /** {@code "a//b/./c/.."} -> {@code "/a/b"}; ".." above the root stays at the root; empty means the root. */
    static String normalize(String userPath) throws VexfsException {
        if (userPath == null) {
            return "/";
        }
        if (userPath.indexOf('\0') >= 0) {
            throw new VexfsException(VexfsError.EINVAL, "path contains a NUL character: " + userPath.replace("\0", "\\0"));
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : userPath.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The last component; {@code "/"} for the root. */
    static String name(String path) {
        int i = path.lastIndexOf('/');
        String n = path.substring(i + 1);
        return n.isEmpty() ? "/" : n;
    }

    /** The parent directory; the root is its own parent. */
    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** Whether {@code path} is {@code ancestor} or lies under it. */
    static boolean isWithin(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }
}
