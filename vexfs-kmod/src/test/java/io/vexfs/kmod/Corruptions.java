package io.vexfs.kmod;

import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Corrupted variants of Java-made images: bit flips in every kind of metadata block (checksum
 * failures), and structurally wrong values with checksums recomputed (oversized counts, bad depths,
 * directory loops, out-of-range block numbers, overlapping regions, unknown incompat features), plus a
 * truncated image.
 */
final class Corruptions {
    private Corruptions() {
    }

    private static final int BS = FormatStructs.BLOCK_SIZE;

    static int u32(byte[] img, long off) {
        return ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getInt((int) off);
    }

    static long u64(byte[] img, long off) {
        return ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getLong((int) off);
    }

    static void put16(byte[] img, long off, int v) {
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putShort((int) off, (short) v);
    }

    static void put32(byte[] img, long off, int v) {
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putInt((int) off, v);
    }

    static void put64(byte[] img, long off, long v) {
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putLong((int) off, v);
    }

    static Checksums sums(byte[] img) {
        return new Checksums(Arrays.copyOfRange(img, 40, 56));
    }

    static void reseal(byte[] img, long blk) {
        byte[] b = Arrays.copyOfRange(img, (int) (blk * BS), (int) (blk * BS + BS));
        sums(img).sealBlock(b, blk);
        System.arraycopy(b, 0, img, (int) (blk * BS), BS);
    }

    static void resealInode(byte[] img, long ino) {
        long itable = u64(img, 200 + 3 * 24 + 8);
        long off = itable * BS + (ino - 1) * 256;
        int c = sums(img).inode(img, (int) off, ino);
        put32(img, off + 252, c);
    }

    /**
     * The nth block whose first four bytes are magic; -1 if none. Journal magics are searched in the journal
     * region, all others outside it (the journal holds stale copies of metadata blocks that are never read
     * on a clean volume: corrupting one of those would test nothing).
     */
    static long find(byte[] img, int magic, int nth) {
        long jstart = u64(img, 200 + 8);
        long jend = jstart + u64(img, 200 + 16);
        boolean journalMagic = magic == FormatStructs.JOURNAL_HEADER_MAGIC || magic == FormatStructs.JOURNAL_DESC_MAGIC;
        for (long b = 1; b < img.length / BS - 1; b++) {
            if ((b >= jstart && b < jend) != journalMagic) {
                continue;
            }
            if (u32(img, b * BS) == magic && nth-- == 0) {
                return b;
            }
        }
        return -1;
    }

    interface Edit {
        boolean apply(byte[] img) throws Exception;
    }

    static void variant(Map<String, Path> out, Path dir, String name, Path base, Edit e) throws Exception {
        byte[] img = Files.readAllBytes(base);
        if (!e.apply(img)) {
            throw new IllegalStateException("corruption " + name + " found nothing to corrupt in " + base);
        }
        Path p = dir.resolve("bad-" + name + ".vexfs");
        Files.write(p, img);
        out.put(name, p);
    }

    static Map<String, Path> make(Path dir, Map<String, Images.Made> good) throws Exception {
        Map<String, Path> out = new LinkedHashMap<>();
        Path many = good.get("many").image();
        Path links = good.get("links").image();
        Path xattrs = good.get("xattrs").image();
        Path sparse = good.get("sparse").image();
        Path deep = good.get("deep").image();
        Path dirty = good.get("dirty").image();
        Random r = new Random(7);
        long last = Files.size(many) / BS - 1;

        variant(out, dir, "sb-both-magic", many, img -> {
            img[0] ^= 0x40;
            img[(int) (last * BS)] ^= 0x40;
            return true;
        });
        variant(out, dir, "sb-primary-csum", many, img -> {
            img[500] ^= 1; // reserved byte: the backup must be used
            return true;
        });
        variant(out, dir, "sb-regions-overlap", many, img -> {
            for (long b : new long[] {0, last}) {
                put64(img, b * BS + 200 + 24 + 8, u64(img, b * BS + 200 + 8)); // bitmap starts at journal
                reseal(img, b);
            }
            return true;
        });
        variant(out, dir, "sb-unknown-incompat", many, img -> {
            for (long b : new long[] {0, last}) {
                put64(img, b * BS + 24, u64(img, b * BS + 24) | (1L << 40));
                reseal(img, b);
            }
            return true;
        });
        variant(out, dir, "sb-huge-total", many, img -> {
            for (long b : new long[] {0, last}) {
                put64(img, b * BS + 120, 1L << 60);
                reseal(img, b);
            }
            return true;
        });
        {
            byte[] img = Files.readAllBytes(many);
            Path p = dir.resolve("bad-truncated.vexfs");
            Files.write(p, Arrays.copyOf(img, img.length / 2));
            out.put("truncated", p);
        }
        int[] magics = {FormatStructs.DIR_HEADER_MAGIC, FormatStructs.DIR_LEAF_MAGIC, FormatStructs.DIR_INDEX_MAGIC,
            FormatStructs.EXTENT_MAGIC, FormatStructs.XATTR_MAGIC, FormatStructs.JOURNAL_HEADER_MAGIC};
        String[] names = {"dirheader", "dirleaf", "dirindex", "extentnode", "xattrblock", "journalheader"};
        Path[] bases = {many, many, many, sparse, xattrs, many};
        for (int i = 0; i < magics.length; i++) {
            int magic = magics[i];
            int nth = i == 0 ? 1 : 0; // not the root directory's header for the first one
            variant(out, dir, names[i] + "-bitflip", bases[i], img -> {
                long b = find(img, magic, nth);
                if (b < 0) {
                    return false;
                }
                int bit = r.nextInt((BS - 4) * 8 - 64) + 64; // keep the magic, break the checksum
                img[(int) (b * BS + bit / 8)] ^= (byte) (1 << (bit % 8));
                return true;
            });
        }
        variant(out, dir, "inode-table-bitflip", many, img -> {
            long itable = u64(img, 200 + 3 * 24 + 8);
            img[(int) (itable * BS + 256 + 20)] ^= 4; // inode 2's size
            return true;
        });
        variant(out, dir, "dirleaf-count", many, img -> {
            long b = find(img, FormatStructs.DIR_LEAF_MAGIC, 1);
            put16(img, b * BS + 4, 0xffff);
            reseal(img, b);
            return b > 0;
        });
        variant(out, dir, "dirleaf-loop", many, img -> {
            long target = -1;
            long lastLeaf = -1;
            for (int n = 0; ; n++) {
                long b = find(img, FormatStructs.DIR_LEAF_MAGIC, n);
                if (b < 0) {
                    break;
                }
                long next = u64(img, b * BS + 16);
                if (next != 0 && target < 0) {
                    target = next;
                }
                if (next == 0 && u64(img, b * BS + 8) != 1) {
                    lastLeaf = b;
                }
            }
            if (target < 0 || lastLeaf < 0) {
                return false;
            }
            put64(img, lastLeaf * BS + 16, target);
            reseal(img, lastLeaf);
            return true;
        });
        variant(out, dir, "dirindex-count", many, img -> {
            long b = find(img, FormatStructs.DIR_INDEX_MAGIC, 0);
            if (b < 0) {
                return false;
            }
            put16(img, b * BS + 4, 0xffff);
            reseal(img, b);
            return true;
        });
        variant(out, dir, "dirheader-depth", many, img -> {
            long b = find(img, FormatStructs.DIR_HEADER_MAGIC, 1);
            put32(img, b * BS + 4, 0x7fffffff);
            reseal(img, b);
            return b > 0;
        });
        variant(out, dir, "extentnode-count", sparse, img -> {
            long b = find(img, FormatStructs.EXTENT_MAGIC, 0);
            if (b < 0) {
                return false;
            }
            put16(img, b * BS + 6, 0xffff);
            reseal(img, b);
            return true;
        });
        variant(out, dir, "xattr-used", xattrs, img -> {
            long b = find(img, FormatStructs.XATTR_MAGIC, 0);
            if (b < 0) {
                return false;
            }
            put16(img, b * BS + 6, 0xfff0);
            reseal(img, b);
            return true;
        });
        variant(out, dir, "dirent-to-ancestor", deep, img -> {
            // /level0's leaf holds "level1": point it at the root (a directory loop)
            for (int n = 0; ; n++) {
                long b = find(img, FormatStructs.DIR_LEAF_MAGIC, n);
                if (b < 0) {
                    return false;
                }
                if (u64(img, b * BS + 8) != 1 && u32(img, b * BS + 4) != 0) {
                    put64(img, b * BS + 24 + 8, 1);
                    reseal(img, b);
                    return true;
                }
            }
        });
        variant(out, dir, "inode-extent-out-of-volume", links, img -> {
            long itable = u64(img, 200 + 3 * 24 + 8);
            long off = itable * BS + (2 - 1) * 256; // inode 2: /target.txt
            put64(img, off + 104 + 8, (img.length / BS) + 5);
            resealInode(img, 2);
            return true;
        });
        variant(out, dir, "symlink-bitflip", links, img -> {
            long itable = u64(img, 200 + 3 * 24 + 8);
            for (long ino = 2; ino < 16; ino++) {
                long off = itable * BS + (ino - 1) * 256;
                int mode = u32(img, off) & 0xffff;
                if ((mode & 0170000) == 0120000) {
                    put64(img, off + 16, 5000); // size beyond SYMLINK_MAX, resealed
                    resealInode(img, ino);
                    return true;
                }
            }
            return false;
        });
        variant(out, dir, "journal-descriptor-count", dirty, img -> {
            long b = find(img, FormatStructs.JOURNAL_DESC_MAGIC, 0);
            if (b < 0) {
                return false;
            }
            put32(img, b * BS + 4, -1);
            reseal(img, b);
            return true;
        });
        Path vectors = good.get("vectors").image();
        variant(out, dir, "vector-nan", vectors, img -> {
            // first overflow xattr block of a file (owner != root) holding vexfs.vector.emb: component 3 = NaN
            long[] at = xattrValue(img, "vexfs.vector.emb", false);
            if (at == null) {
                return false;
            }
            put32(img, at[1] + 12, 0x7fc00000);
            reseal(img, at[0]);
            return true;
        });
        variant(out, dir, "space-dimension", vectors, img -> {
            long[] at = xattrValue(img, "vexfs.space.emb", true);
            if (at == null) {
                return false;
            }
            put32(img, at[1], 15); // every emb vector now has the wrong size
            reseal(img, at[0]);
            return true;
        });
        variant(out, dir, "space-metric", vectors, img -> {
            long[] at = xattrValue(img, "vexfs.space.cos", true);
            if (at == null) {
                return false;
            }
            img[(int) at[1] + 4] = 9;
            reseal(img, at[0]);
            return true;
        });
        return out;
    }

    /** {block, byte offset of the value} of xattr name in an overflow block of the root (or of a file); null if none. */
    static long[] xattrValue(byte[] img, String name, boolean root) {
        byte[] want = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int n = 0; ; n++) {
            long b = find(img, FormatStructs.XATTR_MAGIC, n);
            if (b < 0) {
                return null;
            }
            if ((u64(img, b * BS + 8) == 1) != root) {
                continue;
            }
            int count = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getShort((int) (b * BS + 4)) & 0xffff;
            long off = b * BS + 16;
            for (int i = 0; i < count; i++) {
                int nl = img[(int) off] & 0xff;
                int vl = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getShort((int) off + 2) & 0xffff;
                if (Arrays.equals(Arrays.copyOfRange(img, (int) off + 4, (int) off + 4 + nl), want)) {
                    return new long[] {b, off + 4 + nl};
                }
                off += 4 + nl + vl;
            }
        }
    }
}
