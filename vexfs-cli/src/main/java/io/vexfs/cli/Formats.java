package io.vexfs.cli;

import io.vexfs.core.FileType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human-readable renderings of sizes, modes and times. */
final class Formats {
    private Formats() {
    }

    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** {@code 1536} -> {@code "1.5 KiB"}; below 1 KiB plain bytes. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** {@code ls -l} style: {@code drwxr-xr-x}, with setuid/setgid/sticky letters. */
    static String mode(FileType type, int permissions) {
        char t = switch (type) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case REGULAR -> '-';
        };
        StringBuilder s = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((permissions & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        special(s, 3, (permissions & 04000) != 0, 's');
        special(s, 6, (permissions & 02000) != 0, 's');
        special(s, 9, (permissions & 01000) != 0, 't');
        return s.toString();
    }

    private static void special(StringBuilder s, int at, boolean set, char letter) {
        if (set) {
            s.setCharAt(at, s.charAt(at) == '-' ? Character.toUpperCase(letter) : letter);
        }
    }

    static String localMinutes(long epochNanos) {
        return LOCAL_MINUTES.format(instant(epochNanos));
    }

    static String iso(long epochNanos) {
        return instant(epochNanos).toString();
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Percentage with one decimal. */
    static String percent(long part, long whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
