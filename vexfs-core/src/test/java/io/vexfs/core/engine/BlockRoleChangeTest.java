package io.vexfs.core.engine;

import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable transactions wait in memory for a deferred checkpoint. A block that one of them holds as
 * directory metadata can be freed and reused for file data by a later one (or the other way round);
 * only the newest image may reach home, at the checkpoint and after a crash alike.
 * (Regression: the stale directory image overwrote the file's data at the checkpoint.)
 */
class BlockRoleChangeTest {
    private static final Path NAME = Path.of("roles.vexfs");

    @Test
    void directoryBlocksReusedForFileDataKeepTheData() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(2048);
        Mkfs.format(dev, MkfsOptions.ofSize(2048L * 4096));
        byte[] first = new byte[4096];
        Arrays.fill(first, (byte) 1);
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 0x5A);
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
            try (FileHandle h = v.open("/g", OpenMode.createTruncate())) {
                h.write(ByteBuffer.wrap(first), 0);
            }
            v.mkdir("/d", 0755); // its blocks follow /g's first block
            v.sync(); // a durable transaction, not yet checkpointed, holds /d's blocks as directory metadata
            long next = v.inspectInode(v.stat("/g", false).inode()).extents.physicalAt(0) + 1;
            var dirExtents = v.inspectInode(v.stat("/d", false).inode()).extents;
            assertThat(dirExtents.physicalAt(0)).as("/d starts right after /g's block").isEqualTo(next);
            v.rmdir("/d");
            v.sync(); // frees them
            try (FileHandle h = v.open("/g", OpenMode.readWriteCreate())) {
                h.write(ByteBuffer.wrap(data), 4096); // allocation goal: the block after block 0, /d's first
            }
            v.sync(); // journals /g's new block, which /d's transaction still holds as metadata
            var fileExtents = v.inspectInode(v.stat("/g", false).inode()).extents;
            assertThat(fileExtents.physical(1)).as("/g's second block is /d's former block").isEqualTo(next);
            try (VolumeEngine c = VolumeEngine.open(NAME, dev.copy(false), VolumeOptions.defaults())) {
                assertHolds(c, "/g", data); // after a crash: journal replay
            }
        }
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
            assertHolds(v, "/g", data); // after the checkpoint at close
        }
    }

    private static void assertHolds(VolumeEngine v, String path, byte[] data) throws Exception {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            h.read(b, 4096);
            assertThat(Arrays.mismatch(b.array(), data)).as(path + ": first byte that differs (-1: none)").isEqualTo(-1);
        }
    }
}
