package io.vexfs.core.fsck;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.BlockDevice;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Superblock;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flips every bit of every metadata block of a small, varied image (one flip at a time) and
 * requires fsck to report a problem — never to throw, never to call the image clean.
 */
class BitFlipTest {

    /** A read-only view of a base device with one block replaced. */
    static final class OneBlockOverlay implements BlockDevice {
        private final MemoryBlockDevice base;
        private final long block;
        private final byte[] data;

        OneBlockOverlay(MemoryBlockDevice base, long block, byte[] data) {
            this.base = base;
            this.block = block;
            this.data = data;
        }

        @Override
        public long blockCount() {
            return base.blockCount();
        }

        @Override
        public boolean isReadOnly() {
            return true;
        }

        @Override
        public void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
            base.read(offset, dst, dstOff, len);
            long start = block * BLOCK_SIZE;
            long from = Math.max(offset, start);
            long to = Math.min(offset + len, start + BLOCK_SIZE);
            if (from < to) {
                System.arraycopy(data, (int) (from - start), dst, dstOff + (int) (from - offset), (int) (to - from));
            }
        }

        @Override
        public void write(long firstBlock, byte[][] blocks) throws VexfsException {
            throw new VexfsException(io.vexfs.api.VexfsError.EROFS, "overlay is read-only");
        }

        @Override
        public void force() {
        }

        @Override
        public void close() {
        }
    }

    static MemoryBlockDevice variedImage() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(512);
        Mkfs.format(dev, MkfsOptions.ofSize(512L * 4096).withInodeCount(32));
        VolumeEngine v = VolumeEngine.open(Path.of("flip"), dev, VolumeOptions.defaults());
        v.mkdir("/docs", 0755);
        v.mkdir("/docs/deep", 0700);
        try (FileHandle a = v.open("/docs/a.txt", OpenMode.createTruncate());
             FileHandle b = v.open("/b.bin", OpenMode.createTruncate())) {
            for (int i = 0; i < 6; i++) { // interleave to fragment both files: > 4 extents -> extent tree
                a.write(ByteBuffer.wrap(new byte[4096]), i * 8192L);
                b.write(ByteBuffer.wrap(new byte[4096]), i * 4096L);
                v.sync();
            }
        }
        v.symlink("/docs/short", "a.txt");
        v.symlink("/docs/long", "/docs/" + "x".repeat(200));
        v.link("/b.bin", "/docs/deep/b-link");
        v.setXattr("/docs/a.txt", false, "user.tag", new byte[] {1, 2});
        v.setXattr("/b.bin", false, "user.big", new byte[300]);
        v.close();
        return dev;
    }

    @Test
    void everyMetadataBitFlipIsReported() throws Exception {
        MemoryBlockDevice dev = variedImage();
        FsckReport clean = Fsck.check(Path.of("base"), dev.copy(true), false, n -> { });
        assertThat(clean.problems()).isEmpty();
        Superblock sb = Superblock.decode(dev.peek(0), 0, dev.blockCount());
        var data = sb.region(FormatStructs.REGION_DATA);
        var journal = sb.region(FormatStructs.REGION_JOURNAL);
        var table = sb.region(FormatStructs.REGION_INODE_TABLE);
        TreeSet<Long> metadata = new TreeSet<>();
        metadata.add(0L);
        metadata.add(sb.totalBlocks - 1);
        metadata.add(journal.start());
        for (int t = FormatStructs.REGION_BLOCK_BITMAP; t <= FormatStructs.REGION_INODE_BITMAP; t++) {
            var r = sb.region(t);
            for (long b = r.start(); b < r.end(); b++) {
                metadata.add(b);
            }
        }
        List<long[]> inodeRanges = new ArrayList<>(); // {block, byte offset, length}
        for (long b = table.start(); b < table.end(); b++) {
            byte[] blk = dev.peek(b);
            for (int slot = 0; slot < 16; slot++) {
                if ((blk[slot * 256] | blk[slot * 256 + 1]) != 0) {
                    inodeRanges.add(new long[] {b, slot * 256L, 256});
                }
            }
        }
        long dataMeta = 0;
        for (long b : dev.writtenBlocks()) {
            if (data.contains(b)) {
                int magic = io.vexfs.core.format.Le.i32(dev.peek(b), 0);
                if (magic == FormatStructs.DIR_HEADER_MAGIC || magic == FormatStructs.DIR_LEAF_MAGIC
                        || magic == FormatStructs.DIR_INDEX_MAGIC || magic == FormatStructs.EXTENT_MAGIC
                        || magic == FormatStructs.XATTR_MAGIC) {
                    metadata.add(b);
                    dataMeta++;
                }
            }
        }
        assertThat(dataMeta).as("dir, extent-tree and xattr blocks in the image").isGreaterThanOrEqualTo(8);
        long flips = 0;
        List<String> missed = new ArrayList<>();
        for (long b : metadata) {
            flips += flipAll(dev, b, 0, 4096, missed);
        }
        for (long[] r : inodeRanges) {
            flips += flipAll(dev, r[0], (int) r[1], (int) r[2], missed);
        }
        System.out.println("BitFlipTest: " + flips + " single-bit flips over " + metadata.size()
                + " metadata blocks and " + inodeRanges.size() + " inodes; unreported: " + missed.size());
        assertThat(missed).as("flips fsck did not report").isEmpty();
    }

    private static long flipAll(MemoryBlockDevice dev, long block, int from, int len, List<String> missed) {
        byte[] orig = dev.peek(block);
        long n = 0;
        for (int i = from; i < from + len; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = orig.clone();
                flipped[i] ^= (byte) (1 << bit);
                FsckReport r = Fsck.check(Path.of("flip"), new OneBlockOverlay(dev, block, flipped), false, x -> { });
                if (r.clean()) {
                    missed.add("block " + block + " byte " + i + " bit " + bit);
                }
                n++;
            }
        }
        return n;
    }
}
