package io.vexfs.nio;

import io.vexfs.core.MkfsOptions;
import io.vexfs.core.VolumeOptions;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment map of {@code FileSystems.newFileSystem}, parsed. Values may be strings or typed
 * values ({@link Boolean}, {@link Number}). Keys:
 * <ul>
 *   <li>{@code create} — make the volume if the image is absent (default false)</li>
 *   <li>{@code size} — size of a created volume: bytes, or with a k/m/g/t suffix (default 1g, sparse)</li>
 *   <li>{@code readOnly} — open without changes (default false)</li>
 *   <li>{@code label} — label of a created volume</li>
 *   <li>{@code metadataCacheSize} — bound on the decoded-block cache (bytes/suffix, default 64m)</li>
 *   <li>{@code inodeCacheEntries} — bound on cached inodes (default 100000)</li>
 *   <li>{@code dirtyLimit} — buffered changes that trigger a commit (bytes/suffix, default 64m)</li>
 *   <li>{@code uid}, {@code gid} — the user whose permissions the core enforces (default: none, superuser)</li>
 *   <li>{@code userName}, {@code groupName} — names of that user and group for owner lookups</li>
 * </ul>
 * Unknown keys are an {@link IllegalArgumentException} naming the key.
 */
record MountOptions(boolean create, long sizeBytes, String label, VolumeOptions volumeOptions, String userName,
                    String groupName) {

    static final Set<String> KEYS = Set.of("create", "size", "readOnly", "label", "metadataCacheSize",
            "inodeCacheEntries", "dirtyLimit", "uid", "gid", "userName", "groupName");

    static MountOptions fromEnv(Map<String, ?> env) {
        for (String key : env.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown vexfs environment key '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        VolumeOptions defaults = VolumeOptions.defaults();
        boolean create = bool(env, "create", false);
        long size = bytes(env, "size", 1L << 30);
        boolean readOnly = bool(env, "readOnly", false);
        String label = string(env, "label", "");
        long cache = bytes(env, "metadataCacheSize", defaults.metadataCacheBytes());
        long inodes = number(env, "inodeCacheEntries", defaults.inodeCacheEntries());
        long dirty = bytes(env, "dirtyLimit", defaults.dirtyLimitBytes());
        long uid = number(env, "uid", -1);
        long gid = number(env, "gid", uid < 0 ? -1 : uid);
        if (uid < -1 || uid > Integer.MAX_VALUE || gid < -1 || gid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("uid/gid out of range: " + uid + "/" + gid);
        }
        VolumeOptions options = new VolumeOptions(readOnly, (int) uid, (int) gid, cache, inodes, dirty);
        return new MountOptions(create, size, label, options, string(env, "userName", null),
                string(env, "groupName", null));
    }

    MkfsOptions mkfsOptions() {
        return MkfsOptions.ofSize(sizeBytes).withLabel(label);
    }

    boolean readOnly() {
        return volumeOptions.readOnly();
    }

    private static boolean bool(Map<String, ?> env, String key, boolean dflt) {
        Object v = env.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("env key '" + key + "' wants true or false, got '" + v + "'");
        };
    }

    private static String string(Map<String, ?> env, String key, String dflt) {
        Object v = env.get(key);
        return v == null ? dflt : v.toString();
    }

    private static long number(Map<String, ?> env, String key, long dflt) {
        Object v = env.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("env key '" + key + "' wants an integer, got '" + v + "'", e);
        }
    }

    private static long bytes(Map<String, ?> env, String key, long dflt) {
        Object v = env.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return positive(key, n.longValue(), v);
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("env key '" + key + "' is too large: '" + v + "'");
            }
            return positive(key, n << shift, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("env key '" + key + "' wants bytes like 1048576, 64m or 1g, got '"
                    + v + "'", e);
        }
    }

    private static long positive(String key, long n, Object v) {
        if (n <= 0) {
            throw new IllegalArgumentException("env key '" + key + "' must be positive, got '" + v + "'");
        }
        return n;
    }
}
