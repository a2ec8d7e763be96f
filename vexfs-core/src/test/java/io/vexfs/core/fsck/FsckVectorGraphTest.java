package io.vexfs.core.fsck;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VectorQuery;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.format.Checksums;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Superblock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fsck opens the persisted vector graph the next open would load and matches it against the files:
 * a corrupt blob, a file whose vector differs from the graph's, and a graph key naming a file that
 * no longer has a vector are each reported; a clean volume stays clean.
 */
class FsckVectorGraphTest {
    private static final Path NAME = Path.of("graph.vexfs");
    private static final long BLOCKS = 2048;
    private MemoryBlockDevice dev;
    private long fileIno;

    @BeforeEach
    void build() throws Exception {
        dev = new MemoryBlockDevice(BLOCKS);
        Mkfs.format(dev, MkfsOptions.ofSize(BLOCKS * 4096));
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
            v.createVectorSpace(new VectorSpec("s", 3, VectorMetric.L2));
            for (int i = 0; i < 20; i++) {
                v.open("/f" + i, OpenMode.createTruncate()).close();
                v.setVector("/f" + i, "s", new float[] {i + 0.25f, 1.5f, 1000f + i});
            }
            // loads the index, so the clean close persists it
            assertThat(v.search("/", "s", new float[] {0, 0, 0}, 3, VectorQuery.defaults())).hasSize(3);
            fileIno = v.stat("/f7", false).inode();
        }
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults().withReadOnly(true))) {
            assertThat(v.inspectGraphInodes()).hasSize(1);
        }
    }

    @Test
    void persistedGraphMatchingTheFilesIsClean() {
        assertThat(check().problems()).isEmpty();
    }

    @Test
    void corruptGraphBlobIsReported() throws Exception {
        long block;
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults().withReadOnly(true))) {
            block = v.inspectInode(v.inspectGraphInodes().getFirst()).extents.physicalAt(0);
        }
        byte[] b = dev.peek(block);
        b[200] ^= 0x10;
        dev.poke(block, b);
        assertThat(check().problems()).extracting(FsckProblem::toString)
                .singleElement().satisfies(p -> assertThat(p).contains("vector graph of space s").contains("checksum"));
    }

    @Test
    void vectorThatDiffersFromTheGraphIsReported() {
        // f7's vector is {7.25, 1.5, 1007}: change its last component in place, inode checksum resealed
        rewriteInodeBytes(fileIno, floatBytes(1007f), floatBytes(-3f));
        assertThat(check().problems()).extracting(FsckProblem::toString)
                .singleElement().satisfies(p -> assertThat(p).contains("vector graph of space s")
                        .contains("1 with a different vector").contains("inode " + fileIno));
    }

    @Test
    void graphKeyWithoutAFileVectorIsReported() {
        // rename f7's vector xattr to another reserved name: the file no longer has a vector in s
        rewriteInodeBytes(fileIno, "vexfs.vector.s".getBytes(StandardCharsets.US_ASCII),
                "vexfs.vectXr.s".getBytes(StandardCharsets.US_ASCII));
        assertThat(check().problems()).extracting(FsckProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("unknown reserved xattr vexfs.vectXr.s"))
                .anySatisfy(p -> assertThat(p).contains("vector graph of space s")
                        .contains("1 key(s) naming no live file with a vector"));
    }

    @Test
    void staleGraphIsNotAProblem() throws Exception {
        // a writable session that ends without loading the index re-stamps or drops the graph; a
        // session that is never closed leaves the graph stale: both are fine for fsck
        VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults());
        v.setVector("/f3", "s", new float[] {9, 9, 9});
        v.sync();
        MemoryBlockDevice crashed = dev.copy(false);
        v.close();
        assertThat(Fsck.check(NAME, crashed, false, x -> { }).problems()).isEmpty();
        assertThat(check().problems()).isEmpty();
    }

    private FsckReport check() {
        return Fsck.check(NAME, dev, false, x -> { });
    }

    private static byte[] floatBytes(float f) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(f).array();
    }

    /** Replaces the only occurrence of {@code from} in inode {@code ino} and reseals the inode checksum. */
    private void rewriteInodeBytes(long ino, byte[] from, byte[] to) {
        try {
            Superblock sb = Superblock.decode(dev.peek(0), 0, BLOCKS);
            long blk = sb.region(FormatStructs.REGION_INODE_TABLE).start() + (ino - 1) / 16;
            byte[] b = dev.peek(blk);
            int base = (int) ((ino - 1) % 16) * FormatStructs.INODE_SIZE;
            int at = -1;
            for (int i = base; i + from.length <= base + FormatStructs.INODE_SIZE; i++) {
                if (java.util.Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
                    assertThat(at).as("pattern occurs once in inode " + ino).isEqualTo(-1);
                    at = i;
                }
            }
            assertThat(at).as("pattern found in inode " + ino).isNotNegative();
            System.arraycopy(to, 0, b, at, to.length);
            Checksums cs = new Checksums(sb.uuid);
            io.vexfs.core.format.Le.put32(b, base + 252, cs.inode(b, base, ino) & 0xffffffffL);
            dev.poke(blk, b);
        } catch (io.vexfs.api.VexfsException e) {
            throw new AssertionError(e);
        }
    }

}
