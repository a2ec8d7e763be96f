package io.vexfs.cli;

import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Superblock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.vexfs.cli.VolumeCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** fsck on clean, repairable and damaged images: listing, JSON and exit status. */
class FsckCommandTest {
    @TempDir
    Path tmp;
    Path img;

    @BeforeEach
    void format() {
        img = tmp.resolve("v.vexfs");
        ok("mkfs", img.toString(), "--size", "32m");
        ok("mkdir", img.toString(), "/a/b", "-p");
    }

    @Test
    void cleanVolumeExitsZero() {
        CliRun r = ok("fsck", img.toString());
        assertThat(r.out()).contains(": clean (").contains("3 directories");
        assertThat(ok("fsck", img.toString(), "--json").out()).contains("\"clean\": true").contains("\"problems\": []");
    }

    @Test
    void leakedBlockIsListedAndRepaired() throws Exception {
        long leaked = markBlockUsed(true);
        CliRun r = CliRun.of("fsck", img.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(117);
        assertThat(r.out()).contains("problem:  block bitmap: block " + leaked + " is marked used but nothing references it")
                .contains("run with --repair");
        CliRun json = CliRun.of("fsck", img.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(117);
        assertThat(json.out()).contains("\"clean\": false").contains("\"where\": \"block bitmap\"");

        CliRun repaired = CliRun.of("fsck", img.toString(), "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("repaired: block bitmap: block " + leaked).contains("0 remaining");
        assertThat(ok("fsck", img.toString()).out()).contains("clean");
    }

    @Test
    void repairOfALeakWithAStaleFreeCountLeavesTheVolumeClean() throws Exception {
        markBlockUsed(false);
        assertThat(CliRun.of("fsck", img.toString(), "--repair").exitCode()).isZero();
        assertThat(ok("fsck", img.toString()).out()).contains("clean");
    }

    @Test
    void unreadableDirectoryRemainsAProblemAfterRepair() throws Exception {
        Superblock sb = SuperblockReader.read(img);
        long rootHeader = sb.region(FormatStructs.REGION_DATA).start();
        writeBlock(rootHeader, new byte[FormatStructs.BLOCK_SIZE]);
        CliRun r = CliRun.of("fsck", img.toString(), "--repair");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(117);
        assertThat(r.out()).contains("problem:").contains("remaining");
    }

    @Test
    void missingImageIsEnoent() {
        CliRun r = CliRun.of("fsck", tmp.resolve("none.vexfs").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ENOENT");
    }

    /**
     * Sets the bitmap bit of a free data block (checksum resealed): a leak fsck must find. With
     * {@code adjustSuperblock} the superblock's free count is lowered to match, so the leak is the only problem.
     */
    private long markBlockUsed(boolean adjustSuperblock) throws IOException, io.vexfs.api.VexfsException {
        Superblock sb = SuperblockReader.read(img);
        long block = sb.region(FormatStructs.REGION_DATA).start() + 500;
        long bitmapBlock = sb.region(FormatStructs.REGION_BLOCK_BITMAP).start() + block / FormatStructs.BITS_PER_BITMAP_BLOCK;
        long bit = block % FormatStructs.BITS_PER_BITMAP_BLOCK;
        byte[] b = readBlock(bitmapBlock);
        assertThat(b[(int) (bit >>> 3)] & (1 << (bit & 7))).as("block is free before").isZero();
        b[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        new Checksums(sb.uuid).sealBlock(b, bitmapBlock);
        writeBlock(bitmapBlock, b);
        if (adjustSuperblock) {
            sb.freeBlocks--;
            writeBlock(0, sb.encode(0));
        }
        return block;
    }

    private byte[] readBlock(long n) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(FormatStructs.BLOCK_SIZE);
            while (buf.hasRemaining() && ch.read(buf, n * FormatStructs.BLOCK_SIZE + buf.position()) > 0) {
                // fill
            }
            return buf.array();
        }
    }

    private void writeBlock(long n, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf, n * FormatStructs.BLOCK_SIZE + buf.position());
            }
        }
    }
}
