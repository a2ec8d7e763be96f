package io.vexfs.kmod;

import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileStat;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The listing vexfs-inspect prints, computed through the Java engine: one line per object, sorted by
 * escaped path bytes: path, type, permissions (octal), uid, gid, nlink, size, symlink target, SHA-256
 * of the contents, xattrs ({@code name=hex,...} sorted by name).
 */
final class Listing {
    /** Engine reads larger than one block across holes currently fail (reported); read block-sized. */
    static final int READ_CHUNK = Integer.getInteger("vexfs.listing.chunk", 4096);

    private Listing() {
    }

    static String of(Volume v) throws Exception {
        List<byte[][]> lines = new ArrayList<>();
        walk(v, "/", "/", lines);
        lines.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        StringBuilder sb = new StringBuilder();
        for (byte[][] l : lines) {
            sb.append(new String(l[1], StandardCharsets.UTF_8)).append('\n');
        }
        return sb.toString();
    }

    /** The escaping the C tool applies to names, targets and xattr names. */
    static String escape(byte[] bytes) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x21 || c == 0x7f || c == '%' || c == ',' || c == '=') {
                o.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                o.write(c);
            }
        }
        return o.toString(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        return escape(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void walk(Volume v, String path, String shown, List<byte[][]> out) throws Exception {
        FileStat st = v.stat(path, false);
        String type;
        String target = "-";
        String sha = "-";
        switch (st.type()) {
            case DIRECTORY -> type = "dir";
            case SYMLINK -> {
                type = "symlink";
                target = escape(v.readlink(path));
            }
            case REGULAR -> {
                type = "file";
                sha = sha256(v, path);
            }
            default -> type = "other";
        }
        List<String> names = new ArrayList<>(v.listXattrs(path, false));
        names.sort((a, b) -> Arrays.compareUnsigned(escape(a).getBytes(StandardCharsets.UTF_8),
                escape(b).getBytes(StandardCharsets.UTF_8)));
        java.util.Map<String, byte[]> values = new java.util.HashMap<>();
        for (String n : names) {
            values.put(n, v.getXattr(path, false, n).orElseThrow());
        }
        if (st.type() == io.vexfs.core.FileType.REGULAR) {
            // the kernel shows a file's vector in space S as user.vexfs.vector.S (LE float32 bytes)
            for (io.vexfs.api.VectorSpec space : v.vectorSpaces()) {
                var vec = v.getVector(path, space.name());
                if (vec.isPresent()) {
                    ByteBuffer b = ByteBuffer.allocate(4 * vec.get().length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (float f : vec.get()) {
                        b.putFloat(f);
                    }
                    String n = "user.vexfs.vector." + space.name();
                    names.add(n);
                    values.put(n, b.array());
                }
            }
            names.sort((a, b) -> Arrays.compareUnsigned(escape(a).getBytes(StandardCharsets.UTF_8),
                    escape(b).getBytes(StandardCharsets.UTF_8)));
        }
        StringBuilder xa = new StringBuilder();
        for (String n : names) {
            byte[] value = values.get(n);
            xa.append(xa.isEmpty() ? "" : ",").append(escape(n)).append('=').append(HexFormat.of().formatHex(value));
        }
        String line = String.join("\t", shown, type, String.format("%04o", st.permissions() & 07777),
                Integer.toUnsignedString(st.uid()), Integer.toUnsignedString(st.gid()), Long.toString(st.nlink()),
                Long.toString(st.size()), target, sha, xa.isEmpty() ? "-" : xa.toString());
        out.add(new byte[][] {shown.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8)});
        if (st.type() == io.vexfs.core.FileType.DIRECTORY) {
            DirCursor cursor = null;
            while (true) {
                List<DirEntry> page = v.readdir(path, cursor, 512);
                if (page.isEmpty()) {
                    break;
                }
                for (DirEntry e : page) {
                    String child = path.equals("/") ? "/" + e.name() : path + "/" + e.name();
                    String childShown = (shown.equals("/") ? "/" : shown + "/") + escape(e.name());
                    walk(v, child, childShown, out);
                }
                cursor = page.getLast().cursor();
            }
        }
    }

    private static String sha256(Volume v, String path) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate(READ_CHUNK);
            long pos = 0;
            long size = h.size();
            while (pos < size) {
                b.clear();
                int n = h.read(b, pos);
                if (n <= 0) {
                    throw new IllegalStateException(path + ": short read at " + pos + " of " + size);
                }
                md.update(b.array(), 0, n);
                pos += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
