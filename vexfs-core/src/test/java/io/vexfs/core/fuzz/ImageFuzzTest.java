package io.vexfs.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Le;
import io.vexfs.core.format.Region;
import io.vexfs.core.format.StructDef;
import io.vexfs.core.format.Superblock;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Jazzer harnesses for image parsing: open + full tree walk + fsck must honour {@link ImageContract}
 * on any image. Under {@code mvn test} they replay the committed corpus in
 * {@code src/test/resources/io/vexfs/core/fuzz/ImageFuzzTestInputs}; with {@code JAZZER_FUZZ=1} they fuzz.
 */
class ImageFuzzTest {
    static final MemoryBlockDevice BASE = FuzzImages.build();
    static final Superblock SB;
    static final Checksums CS;
    /** Block-checksummed metadata blocks of the base image (directory, extent, xattr, bitmap blocks). */
    static final List<Long> META = new ArrayList<>();

    static {
        try {
            SB = Superblock.decode(BASE.peek(0), 0, FuzzImages.BLOCKS);
        } catch (io.vexfs.api.VexfsException e) {
            throw new IllegalStateException(e);
        }
        CS = new Checksums(SB.uuid);
        Region data = SB.region(FormatStructs.REGION_DATA);
        for (long b : BASE.writtenBlocks()) {
            int magic = Le.i32(BASE.peek(b), 0);
            if (data.contains(b) && (magic == FormatStructs.DIR_HEADER_MAGIC || magic == FormatStructs.DIR_LEAF_MAGIC
                    || magic == 0x49445856 || magic == 0x54455856 || magic == 0x41585856)) {
                META.add(b);
            }
        }
        META.add(SB.region(FormatStructs.REGION_BLOCK_BITMAP).start());
        META.add(SB.region(FormatStructs.REGION_INODE_BITMAP).start());
    }

    /** Raw bytes: each 4-byte record sets one byte of the valid image (24-bit position, value); no checksums fixed. */
    @FuzzTest(maxDuration = "5m")
    void rawBytePatches(byte[] input) {
        MemoryBlockDevice img = BASE.copy(false);
        long size = FuzzImages.BLOCKS * 4096;
        for (int i = 0; i + 3 < input.length && i < 4 * 64; i += 4) {
            long pos = (((input[i] & 0xffL) << 16) | ((input[i + 1] & 0xffL) << 8) | (input[i + 2] & 0xffL)) % size;
            byte[] blk = img.peek(pos / 4096);
            blk[(int) (pos % 4096)] = input[i + 3];
            img.poke(pos / 4096, blk);
        }
        ImageContract.check(img, input.length % 8 == 1); // writable opens (mkdir + sync) cost ~3x: 1 in 8
    }

    /**
     * Structure-aware: the input picks structures and fields (superblock, inode, directory node, extent
     * node, xattr block, bitmap, a fabricated journal transaction) and values; checksums are recomputed
     * so the parser behind them is reached.
     */
    @FuzzTest(maxDuration = "5m")
    void structuredFields(FuzzedDataProvider d) {
        MemoryBlockDevice img = BASE.copy(false);
        int edits = d.consumeInt(1, 4);
        for (int k = 0; k < edits; k++) {
            switch (d.consumeInt(0, 5)) {
                case 0 -> {
                    byte[] b = img.peek(0);
                    setField(b, pick(d, FormatStructs.SUPER), d);
                    CS.sealBlock(b, 0);
                    img.poke(0, b);
                }
                case 1 -> {
                    long ino = d.consumeLong(1, SB.totalInodes);
                    long blk = SB.region(FormatStructs.REGION_INODE_TABLE).start() + (ino - 1) / 16;
                    byte[] b = img.peek(blk);
                    int base = (int) ((ino - 1) % 16) * FormatStructs.INODE_SIZE;
                    StructDef.Field f = pick(d, FormatStructs.INODE);
                    writeValue(b, base + f.offset(), Math.min(8, f.size()), d);
                    Le.put32(b, base + 252, CS.inode(b, base, ino) & 0xffffffffL);
                    img.poke(blk, b);
                }
                case 2 -> {
                    long blk = META.get(d.consumeInt(0, META.size() - 1));
                    byte[] b = img.peek(blk);
                    int off = d.consumeBoolean() ? d.consumeInt(0, 63) : d.consumeInt(0, 4091);
                    writeValue(b, off, 1 << d.consumeInt(0, 3), d);
                    CS.sealBlock(b, blk);
                    img.poke(blk, b);
                }
                case 3 -> fabricateJournal(img, d);
                case 4 -> {
                    // a metadata block copied over another (misdirected write), checksum left as is
                    long from = META.get(d.consumeInt(0, META.size() - 1));
                    long to = META.get(d.consumeInt(0, META.size() - 1));
                    img.poke(to, img.peek(from));
                }
                default -> {
                    long pos = d.consumeLong(0, FuzzImages.BLOCKS * 4096 - 1);
                    byte[] b = img.peek(pos / 4096);
                    b[(int) (pos % 4096)] = d.consumeByte();
                    img.poke(pos / 4096, b);
                }
            }
        }
        ImageContract.check(img, d.consumeInt(0, 7) == 0); // writable opens (mkdir + sync) cost ~3x: 1 in 8
    }

    private static StructDef.Field pick(FuzzedDataProvider d, StructDef s) {
        List<StructDef.Field> fs = s.fields();
        return fs.get(d.consumeInt(0, fs.size() - 1));
    }

    private static void setField(byte[] b, StructDef.Field f, FuzzedDataProvider d) {
        writeValue(b, f.offset(), Math.max(1, Math.min(8, f.size())), d);
    }

    /** Writes a 1/2/4/8-byte little-endian value, biased towards boundary values. */
    private static void writeValue(byte[] b, int off, int width, FuzzedDataProvider d) {
        int w = Math.min(width == 3 ? 2 : width, 4092 - off);
        if (w <= 0) {
            return;
        }
        long v = switch (d.consumeInt(0, 5)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> d.consumeInt(0, 300);
            case 3 -> FuzzImages.BLOCKS + d.consumeInt(-3, 3);
            default -> d.consumeLong();
        };
        for (int i = 0; i < w; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Writes a complete, valid-looking transaction at the log start with fuzzed targets and images. */
    private static void fabricateJournal(MemoryBlockDevice img, FuzzedDataProvider d) {
        Region j = SB.region(FormatStructs.REGION_JOURNAL);
        byte[] header = img.peek(j.start());
        long seq = Le.u64(header, FormatStructs.JOURNAL_HEADER.off("sequence"));
        int count = d.consumeInt(1, 4);
        byte[] desc = new byte[4096];
        Le.put32(desc, 0, FormatStructs.JOURNAL_DESC_MAGIC);
        Le.put32(desc, 4, count);
        Le.put64(desc, 8, seq);
        CRC32 crc = new CRC32();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long target = d.consumeBoolean() ? META.get(d.consumeInt(0, META.size() - 1)) : d.consumeLong(0, FuzzImages.BLOCKS + 2);
            Le.put64(desc, 32 + 8 * i, target);
            byte[] image = img.peek(Math.min(target, FuzzImages.BLOCKS - 1));
            writeValue(image, d.consumeInt(0, 4091), 1 << d.consumeInt(0, 3), d);
            if (d.consumeBoolean()) {
                CS.sealBlock(image, target);
            }
            crc.update(image);
            images.add(image);
        }
        CS.sealBlock(desc, j.start() + 1);
        img.poke(j.start() + 1, desc);
        for (int i = 0; i < count; i++) {
            img.poke(j.start() + 2 + i, images.get(i));
        }
        byte[] commit = new byte[4096];
        Le.put32(commit, 0, FormatStructs.JOURNAL_COMMIT_MAGIC);
        Le.put32(commit, 4, count);
        Le.put64(commit, 8, seq);
        Le.put32(commit, 16, crc.getValue());
        CS.sealBlock(commit, j.start() + 2 + count);
        img.poke(j.start() + 2 + count, commit);
        Le.put64(header, FormatStructs.JOURNAL_HEADER.off("start"), 1);
        CS.sealBlock(header, j.start());
        img.poke(j.start(), header);
    }
}
