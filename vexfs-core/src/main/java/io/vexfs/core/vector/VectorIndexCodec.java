package io.vexfs.core.vector;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.apache.lucene.internal.hppc.LongIntHashMap;

/**
 * The persisted layout of a {@link VectorSpaceIndex} (docs/VECTOR-FORMAT.md): a 128-byte header,
 * then the sections VECT, KEYS, DEAD and GRPH, each with its own CRC32C. All integers little-endian.
 * Reading validates every field and structure before use and reports problems as
 * {@link VexfsException} ({@code EBADMSG} for checksums, {@code EUCLEAN} otherwise).
 */
final class VectorIndexCodec {
    static final byte[] MAGIC = "VXVECIDX".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 128;
    static final int SECTION_HEADER_BYTES = 16;
    static final int TAG_VECT = tag("VECT");
    static final int TAG_KEYS = tag("KEYS");
    static final int TAG_DEAD = tag("DEAD");
    static final int TAG_GRPH = tag("GRPH");
    static final int MAX_LEVELS = 64;

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** What {@link #write} serializes: ordinals {@code [0, n)} of {@code store} plus copies of the rest. */
    record Snapshot(VectorSpec spec, OffHeapVectorStore store, int n, long[] keys, long[] deadWords,
                    PackedHnswGraph graph) {
        long byteSize() {
            return HEADER_BYTES + section(4L * spec.dimension() * n) + section(8L * n) + section(8L * deadWords.length)
                    + section(graphBytes(graph));
        }
    }

    /** What {@link #read} returns. */
    record Loaded(VectorSpec spec, OffHeapVectorStore store, Tombstones dead, LongIntHashMap keyToOrd,
                  PackedHnswGraph graph) {
    }

    private VectorIndexCodec() {
    }

    private static int tag(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static long section(long payload) {
        return SECTION_HEADER_BYTES + pad8(payload);
    }

    private static long pad8(long x) {
        return (x + 7) & ~7L;
    }

    static long graphBytes(PackedHnswGraph g) {
        long s = 0;
        for (int l = 0; l < g.offsets.length; l++) {
            int count = g.offsets[l].length - 1;
            s += 4 + (l == 0 ? 0 : 4L * count) + 4L * (count + 1) + 4 + 4L * g.neighbors[l].length;
        }
        return s;
    }

    static int metricCode(VectorMetric m) {
        return switch (m) {
            case L2 -> 0;
            case COSINE -> 1;
            case DOT_PRODUCT -> 2;
        };
    }

    // ------------------------------------------------------------------ write

    static void write(Snapshot s, MemorySegment out) {
        VectorSpec spec = s.spec();
        int n = s.n();
        PackedHnswGraph g = s.graph();
        out.asSlice(0, HEADER_BYTES).fill((byte) 0);
        MemorySegment.copy(MemorySegment.ofArray(MAGIC), 0, out, 0, 8);
        out.set(I16, 8, (short) VERSION);
        out.set(I16, 10, (short) HEADER_BYTES);
        out.set(I32, 12, spec.dimension());
        out.set(ValueLayout.JAVA_BYTE, 16, (byte) metricCode(spec.metric()));
        byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
        out.set(ValueLayout.JAVA_BYTE, 17, (byte) name.length);
        out.set(I32, 20, n);
        out.set(I32, 24, g.size);
        out.set(I32, 28, g.maxConn);
        out.set(I32, 32, g.size == 0 ? 0 : g.numLevels());
        out.set(I32, 36, g.size == 0 ? -1 : g.entryNode);
        out.set(I64, 40, s.byteSize());
        MemorySegment.copy(MemorySegment.ofArray(name), 0, out, 48, name.length);
        out.set(I32, 124, crc(out, 0, 124));

        long pos = HEADER_BYTES;
        // VECT
        long vb = 4L * spec.dimension();
        long payload = pos + SECTION_HEADER_BYTES;
        for (int ord = 0; ord < n; ord++) {
            MemorySegment.copy(s.store().segment(ord), s.store().offset(ord), out, payload + ord * vb, vb);
        }
        pos = closeSection(out, pos, TAG_VECT, vb * n);
        // KEYS
        payload = pos + SECTION_HEADER_BYTES;
        for (int i = 0; i < n; i++) {
            out.set(I64, payload + 8L * i, s.keys()[i]);
        }
        pos = closeSection(out, pos, TAG_KEYS, 8L * n);
        // DEAD
        payload = pos + SECTION_HEADER_BYTES;
        for (int i = 0; i < s.deadWords().length; i++) {
            out.set(I64, payload + 8L * i, s.deadWords()[i]);
        }
        pos = closeSection(out, pos, TAG_DEAD, 8L * s.deadWords().length);
        // GRPH
        payload = pos + SECTION_HEADER_BYTES;
        long p = payload;
        for (int l = 0; l < g.offsets.length; l++) {
            int count = g.offsets[l].length - 1;
            out.set(I32, p, count);
            p += 4;
            if (l > 0) {
                for (int node : g.levelNodes[l]) {
                    out.set(I32, p, node);
                    p += 4;
                }
            }
            for (int o : g.offsets[l]) {
                out.set(I32, p, o);
                p += 4;
            }
            out.set(I32, p, g.neighbors[l].length);
            p += 4;
            for (int nb : g.neighbors[l]) {
                out.set(I32, p, nb);
                p += 4;
            }
        }
        pos = closeSection(out, pos, TAG_GRPH, p - payload);
        if (pos != s.byteSize()) {
            throw new IllegalStateException("vector index writer produced " + pos + " bytes, expected " + s.byteSize());
        }
    }

    private static long closeSection(MemorySegment out, long pos, int tag, long payloadLength) {
        long payload = pos + SECTION_HEADER_BYTES;
        long end = payload + pad8(payloadLength);
        out.asSlice(payload + payloadLength, end - payload - payloadLength).fill((byte) 0);
        out.set(I32, pos, tag);
        out.set(I32, pos + 4, crc(out, payload, payloadLength));
        out.set(I64, pos + 8, payloadLength);
        return end;
    }

    static int crc(MemorySegment seg, long offset, long length) {
        CRC32C c = new CRC32C();
        long done = 0;
        while (done < length) {
            long chunk = Math.min(length - done, 1L << 30);
            c.update(seg.asSlice(offset + done, chunk).asByteBuffer());
            done += chunk;
        }
        return (int) c.getValue();
    }

    // ------------------------------------------------------------------ read

    /**
     * Validates and decodes an image. With {@code adopt}, vectors are read in place from {@code in}
     * (which must then outlive the index); otherwise they are copied off-heap.
     */
    static Loaded read(MemorySegment in, boolean adopt) throws VexfsException {
        try {
            return new Reader(in, adopt).read();
        } catch (VexfsException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new VexfsException(VexfsError.EUCLEAN, "vector index: unreadable (" + e + ")", e);
        }
    }

    private static final class Reader {
        private final MemorySegment in;
        private final long length;
        private final boolean adopt;

        Reader(MemorySegment in, boolean adopt) {
            this.in = in;
            this.length = in.byteSize();
            this.adopt = adopt;
        }

        private static VexfsException corrupt(String what) {
            return new VexfsException(VexfsError.EUCLEAN, "vector index: " + what);
        }

        Loaded read() throws VexfsException {
            if (length < HEADER_BYTES) {
                throw corrupt("truncated: " + length + " bytes, header needs " + HEADER_BYTES);
            }
            byte[] magic = new byte[8];
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, 0, magic, 0, 8);
            if (!Arrays.equals(magic, MAGIC)) {
                throw corrupt("bad magic " + Arrays.toString(magic));
            }
            int storedCrc = in.get(I32, 124);
            int crc = crc(in, 0, 124);
            if (storedCrc != crc) {
                throw new VexfsException(VexfsError.EBADMSG, String.format(
                        "vector index: header checksum mismatch (stored %08x, computed %08x)", storedCrc, crc));
            }
            int version = in.get(I16, 8) & 0xffff;
            if (version != VERSION) {
                throw corrupt("unsupported format version " + version);
            }
            int headerBytes = in.get(I16, 10) & 0xffff;
            if (headerBytes != HEADER_BYTES) {
                throw corrupt("header length " + headerBytes + ", expected " + HEADER_BYTES);
            }
            int dim = in.get(I32, 12);
            if (dim < 1 || dim > 4096) {
                throw corrupt("dimension " + dim + " outside 1..4096");
            }
            int metricCode = in.get(ValueLayout.JAVA_BYTE, 16) & 0xff;
            if (metricCode > 2) {
                throw corrupt("unknown metric code " + metricCode);
            }
            VectorMetric metric = VectorMetric.values()[metricCode];
            int nameLen = in.get(ValueLayout.JAVA_BYTE, 17) & 0xff;
            if (nameLen < 1 || nameLen > 64) {
                throw corrupt("space name length " + nameLen + " outside 1..64");
            }
            if (in.get(I16, 18) != 0) {
                throw corrupt("reserved header bytes 18..19 are not zero");
            }
            int n = in.get(I32, 20);
            int b = in.get(I32, 24);
            int maxConn = in.get(I32, 28);
            int levels = in.get(I32, 32);
            int entry = in.get(I32, 36);
            long total = in.get(I64, 40);
            if (n < 0 || n > Integer.MAX_VALUE - 2) {
                throw corrupt("ordinal count " + n + " out of range");
            }
            if (b < 0 || b > n) {
                throw corrupt("graph node count " + b + " outside 0.." + n);
            }
            if (maxConn < 2 || maxConn > 512) {
                throw corrupt("graph max connections " + maxConn + " outside 2..512");
            }
            if (b == 0 ? (levels != 0 || entry != -1) : (levels < 1 || levels > MAX_LEVELS || entry < 0 || entry >= b)) {
                throw corrupt("graph levels " + levels + " / entry node " + entry + " inconsistent with " + b + " nodes");
            }
            if (total != length) {
                throw corrupt("blob length " + length + " but header records " + total);
            }
            byte[] nameBytes = new byte[nameLen];
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, 48, nameBytes, 0, nameLen);
            for (long i = 48 + nameLen; i < 124; i++) {
                if (in.get(ValueLayout.JAVA_BYTE, i) != 0) {
                    throw corrupt("non-zero padding at header byte " + i);
                }
            }
            VectorSpec spec;
            try {
                spec = new VectorSpec(new String(nameBytes, StandardCharsets.UTF_8), dim, metric);
            } catch (IllegalArgumentException e) {
                throw corrupt("invalid space: " + e.getMessage());
            }

            long pos = HEADER_BYTES;
            long vb = 4L * dim;
            long vect = section(pos, TAG_VECT, vb * n);
            pos = vect + pad8(vb * n);
            long keysAt = section(pos, TAG_KEYS, 8L * n);
            pos = keysAt + pad8(8L * n);
            int words = (n + 63) >>> 6;
            long deadAt = section(pos, TAG_DEAD, 8L * words);
            pos = deadAt + pad8(8L * words);
            long graphAt = sectionAnyLength(pos, TAG_GRPH);
            long graphLen = in.get(I64, pos + 8);
            pos = graphAt + pad8(graphLen);
            if (pos != length) {
                throw corrupt("trailing bytes after the graph section: " + (length - pos));
            }

            // vectors: finite, then copied off-heap
            float[] buf = new float[dim];
            for (int ord = 0; ord < n; ord++) {
                MemorySegment.copy(in, OffHeapVectorStore.FLOAT_LE, vect + ord * vb, buf, 0, dim);
                for (int i = 0; i < dim; i++) {
                    if (!Float.isFinite(buf[i])) {
                        throw corrupt("vector " + ord + " component " + i + " is not finite");
                    }
                }
            }
            // dead ordinals
            Tombstones dead = new Tombstones();
            for (int w = 0; w < words; w++) {
                long word = in.get(I64, deadAt + 8L * w);
                if (w == words - 1 && (n & 63) != 0 && (word >>> (n & 63)) != 0) {
                    throw corrupt("dead bits set beyond ordinal count " + n);
                }
                while (word != 0) {
                    int bit = Long.numberOfTrailingZeros(word);
                    dead.set(w * 64 + bit);
                    word &= word - 1;
                }
            }
            LongIntHashMap keyToOrd = new LongIntHashMap(Math.max(16, n - dead.count()));
            long[] keys = new long[n];
            MemorySegment.copy(in, I64, keysAt, keys, 0, n);
            OffHeapVectorStore store;
            if (adopt) {
                store = OffHeapVectorStore.adopting(dim, in, vect, n, keys);
            } else {
                store = new OffHeapVectorStore(dim, n);
                for (int ord = 0; ord < n; ord++) {
                    store.appendFrom(in, vect + ord * vb, keys[ord]);
                }
            }
            for (int ord = 0; ord < n; ord++) {
                long key = keys[ord];
                if (!dead.get(ord)) {
                    int idx = keyToOrd.indexOf(key);
                    if (keyToOrd.indexExists(idx)) {
                        throw corrupt("key " + key + " is live at ordinals " + keyToOrd.indexGet(idx) + " and " + ord);
                    }
                    keyToOrd.indexInsert(idx, key, ord);
                }
            }
            PackedHnswGraph graph = readGraph(graphAt, graphLen, b, maxConn, levels, entry);
            return new Loaded(spec, store, dead, keyToOrd, graph);
        }

        /** Checks the section header at {@code pos} and its checksum; returns the payload offset. */
        private long section(long pos, int tag, long expectedLength) throws VexfsException {
            long payload = sectionAnyLength(pos, tag);
            long len = in.get(I64, pos + 8);
            if (len != expectedLength) {
                throw corrupt("section " + tagName(tag) + " holds " + len + " bytes, expected " + expectedLength);
            }
            return payload;
        }

        private long sectionAnyLength(long pos, int tag) throws VexfsException {
            if (pos + SECTION_HEADER_BYTES > length) {
                throw corrupt("truncated before section " + tagName(tag) + " at byte " + pos);
            }
            int t = in.get(I32, pos);
            if (t != tag) {
                throw corrupt("expected section " + tagName(tag) + " at byte " + pos + ", found tag " + String.format("%08x", t));
            }
            long len = in.get(I64, pos + 8);
            long payload = pos + SECTION_HEADER_BYTES;
            if (len < 0 || len > length - payload || pad8(len) > length - payload) {
                throw corrupt("section " + tagName(tag) + " length " + len + " runs past the end (" + length + " bytes)");
            }
            int stored = in.get(I32, pos + 4);
            int computed = crc(in, payload, len);
            if (stored != computed) {
                throw new VexfsException(VexfsError.EBADMSG, String.format(
                        "vector index: section %s checksum mismatch (stored %08x, computed %08x)", tagName(tag), stored, computed));
            }
            for (long i = payload + len; i < payload + pad8(len); i++) {
                if (in.get(ValueLayout.JAVA_BYTE, i) != 0) {
                    throw corrupt("non-zero padding after section " + tagName(tag));
                }
            }
            return payload;
        }

        private PackedHnswGraph readGraph(long at, long len, int b, int maxConn, int levels, int entry)
                throws VexfsException {
            long end = at + len;
            long p = at;
            int[][] nodes = new int[levels][];
            int[][] offs = new int[levels][];
            int[][] nbrs = new int[levels][];
            for (int l = 0; l < levels; l++) {
                int count = readInt(p, end, "level " + l + " node count");
                p += 4;
                int limit = l == 0 ? b : nodes[l - 1] == null ? b : nodes[l - 1].length;
                if (l == 0 ? count != b : (count < 1 || count > limit)) {
                    throw corrupt("graph level " + l + " has " + count + " nodes (level below has " + limit + ")");
                }
                if (l > 0) {
                    need(p, 4L * count, end, "level " + l + " node list");
                    int[] list = ints(p, count);
                    for (int i = 0; i < count; i++) {
                        if (list[i] < 0 || list[i] >= b || (i > 0 && list[i] <= list[i - 1])) {
                            throw corrupt("graph level " + l + " node list not strictly ascending within 0.." + (b - 1)
                                    + " at index " + i);
                        }
                        if (l > 1 && Arrays.binarySearch(nodes[l - 1], list[i]) < 0) {
                            throw corrupt("graph node " + list[i] + " on level " + l + " is missing from level " + (l - 1));
                        }
                    }
                    p += 4L * count;
                    nodes[l] = list;
                }
                need(p, 4L * (count + 1), end, "level " + l + " offsets");
                int maxRow = l == 0 ? 2 * maxConn : maxConn;
                int[] o = ints(p, count + 1);
                for (int i = 0; i <= count; i++) {
                    int row = i == 0 ? o[0] : o[i] - o[i - 1];
                    if (i == 0 ? o[0] != 0 : (row < 0 || row > maxRow)) {
                        throw corrupt("graph level " + l + " row " + (i - 1) + " has invalid length " + row);
                    }
                }
                p += 4L * (count + 1);
                int edges = readInt(p, end, "level " + l + " edge count");
                p += 4;
                if (edges != o[count]) {
                    throw corrupt("graph level " + l + " edge count " + edges + " does not match offsets " + o[count]);
                }
                need(p, 4L * edges, end, "level " + l + " neighbours");
                int[] nb = ints(p, edges);
                for (int i = 0; i < edges; i++) {
                    int v = nb[i];
                    if (v < 0 || v >= b || (l > 0 && Arrays.binarySearch(nodes[l], v) < 0)) {
                        throw corrupt("graph level " + l + " neighbour " + v + " is not a node of that level");
                    }
                }
                p += 4L * edges;
                offs[l] = o;
                nbrs[l] = nb;
            }
            if (p != end) {
                throw corrupt("graph section has " + (end - p) + " unexplained trailing bytes");
            }
            if (levels > 0) {
                boolean onTop = levels == 1 ? entry < b : Arrays.binarySearch(nodes[levels - 1], entry) >= 0;
                if (!onTop) {
                    throw corrupt("graph entry node " + entry + " is not on the top level " + (levels - 1));
                }
            }
            return new PackedHnswGraph(b, maxConn, levels == 0 ? -1 : entry, nodes, offs, nbrs);
        }

        private int[] ints(long p, int count) {
            int[] out = new int[count];
            MemorySegment.copy(in, I32, p, out, 0, count);
            return out;
        }

        private int readInt(long p, long end, String what) throws VexfsException {
            need(p, 4, end, what);
            return in.get(I32, p);
        }

        private void need(long p, long bytes, long end, String what) throws VexfsException {
            if (bytes < 0 || p + bytes > end) {
                throw corrupt("graph section truncated in " + what);
            }
        }

        private static String tagName(int tag) {
            return new String(new byte[] {(byte) tag, (byte) (tag >>> 8), (byte) (tag >>> 16), (byte) (tag >>> 24)},
                    StandardCharsets.US_ASCII);
        }
    }
}
