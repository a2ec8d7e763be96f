package io.vexfs.core.xattr;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.vexfs.core.format.FormatStructs.XATTR_BLOCK;
import static io.vexfs.core.format.FormatStructs.XATTR_MAGIC;

/** An inode's extended attributes: the packed, name-sorted entry list of docs/FORMAT.md "Xattrs". */
public final class XattrList {
    private final TreeMap<String, byte[]> entries = new TreeMap<>((a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    public Map<String, byte[]> entries() {
        return entries;
    }

    public byte[] get(String name) {
        byte[] v = entries.get(name);
        return v == null ? null : v.clone();
    }

    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean remove(String name) {
        return entries.remove(name) != null;
    }

    /** Sets a value, rejecting names/values the format cannot hold (ERANGE / ENOSPC). */
    public void set(String name, byte[] value) throws VexfsException {
        validateName(name);
        if (value.length > FormatStructs.XATTR_VALUE_MAX) {
            throw new VexfsException(VexfsError.ENOSPC, "xattr " + name + ": value of " + value.length
                    + " bytes exceeds " + FormatStructs.XATTR_VALUE_MAX);
        }
        byte[] old = entries.put(name, value.clone());
        if (encodedSize() > FormatStructs.XATTR_BLOCK_ENTRIES_MAX) {
            if (old == null) {
                entries.remove(name);
            } else {
                entries.put(name, old);
            }
            throw new VexfsException(VexfsError.ENOSPC, "xattr " + name + ": the inode's xattrs would exceed "
                    + FormatStructs.XATTR_BLOCK_ENTRIES_MAX + " bytes");
        }
    }

    public static void validateName(String name) throws VexfsException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length == 0 || n.length > 255 || name.indexOf('\0') >= 0) {
            throw new VexfsException(n.length > 255 ? VexfsError.ERANGE : VexfsError.EINVAL,
                    "xattr name must be 1..255 bytes without NUL: " + name);
        }
    }

    public int encodedSize() {
        int s = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            s += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        return s;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] h = new byte[4];
            h[0] = (byte) n.length;
            Le.put16(h, 2, e.getValue().length);
            out.writeBytes(h);
            out.writeBytes(n);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    /** Decodes {@code len} bytes of packed entries at {@code off}; EUCLEAN naming {@code where} if malformed. */
    public static XattrList decode(byte[] b, int off, int len, int expectedCount, String where) throws VexfsException {
        XattrList x = new XattrList();
        int p = off;
        int end = off + len;
        byte[] prev = null;
        while (p < end) {
            if (end - p < 4) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": truncated xattr entry");
            }
            int nl = Le.u8(b, p);
            int vl = Le.u16(b, p + 2);
            if (nl == 0 || vl > FormatStructs.XATTR_VALUE_MAX || end - p - 4 < nl + vl) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": xattr entry with name length " + nl
                        + ", value length " + vl + " overruns its area");
            }
            byte[] name = Arrays.copyOfRange(b, p + 4, p + 4 + nl);
            if (prev != null && Arrays.compareUnsigned(prev, name) >= 0) {
                throw new VexfsException(VexfsError.EUCLEAN, where + ": xattr names not sorted");
            }
            prev = name;
            x.entries.put(new String(name, StandardCharsets.UTF_8), Arrays.copyOfRange(b, p + 4 + nl, p + 4 + nl + vl));
            p += 4 + nl + vl;
        }
        if (expectedCount >= 0 && x.entries.size() != expectedCount) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": xattr count mismatch");
        }
        return x;
    }

    /** Decodes an overflow xattr block owned by {@code ino}. */
    public static XattrList decodeBlock(byte[] block, long ino, long blk) throws VexfsException {
        String where = "inode " + ino + " xattr block " + blk;
        if (Le.i32(block, XATTR_BLOCK.off("magic")) != XATTR_MAGIC || Le.u64(block, XATTR_BLOCK.off("owner")) != ino) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": bad magic or owner");
        }
        int used = Le.u16(block, XATTR_BLOCK.off("used"));
        if (used > FormatStructs.XATTR_BLOCK_ENTRIES_MAX) {
            throw new VexfsException(VexfsError.EUCLEAN, where + ": used " + used);
        }
        return decode(block, XATTR_BLOCK.off("entries"), used, Le.u16(block, XATTR_BLOCK.off("count")), where);
    }

    /** Encodes into an overflow block owned by {@code ino} (checksum added at commit). */
    public void encodeBlock(byte[] block, long ino) {
        Arrays.fill(block, (byte) 0);
        byte[] e = encode();
        Le.put32(block, XATTR_BLOCK.off("magic"), XATTR_MAGIC);
        Le.put16(block, XATTR_BLOCK.off("count"), entries.size());
        Le.put16(block, XATTR_BLOCK.off("used"), e.length);
        Le.put64(block, XATTR_BLOCK.off("owner"), ino);
        System.arraycopy(e, 0, block, XATTR_BLOCK.off("entries"), e.length);
    }
}
