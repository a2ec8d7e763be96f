package io.vexfs.core.fuzz;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.format.FormatStructs;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The compact valid image the fuzzers start from (128 blocks): nested directories, a directory big
 * enough for an index node, a fragmented file with an extent-tree node, inline and block symlinks,
 * inline and overflow xattrs, hard links, a vector space with one vector.
 */
final class FuzzImages {
    static final Path NAME = Path.of("fuzz.vexfs");
    static final long BLOCKS = 128;

    private FuzzImages() {
    }

    static MemoryBlockDevice build() {
        try {
            MemoryBlockDevice dev = new MemoryBlockDevice(BLOCKS);
            Mkfs.format(dev, MkfsOptions.ofSize(BLOCKS * 4096).withInodeCount(32));
            try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
                v.mkdir("/a", 0755);
                v.mkdir("/a/b", 0700);
                write(v, "/a/f", 5000, 0);
                try (FileHandle h = v.open("/frag", OpenMode.createTruncate())) {
                    for (int i = 0; i < 7; i++) {
                        h.write(ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}), i * 2L * 4096);
                    }
                }
                v.symlink("/a/short", "f");
                v.symlink("/long", "x/".repeat(100) + "f");
                v.setXattr("/a/f", false, "user.small", new byte[] {1, 2, 3});
                v.setXattr("/a", false, "user.big", new byte[200]);
                // a vector space (root xattr) and a vector (reserved xattr on a file)
                v.createVectorSpace(new io.vexfs.api.VectorSpec("emb", 4, io.vexfs.api.VectorMetric.COSINE));
                v.setVector("/frag", "emb", new float[] {1, 2, 3, 4});
                // long names: few entries, yet enough for several leaves and an index node
                for (int i = 0; i < 40; i++) {
                    v.link("/a/f", "/a/b/" + "l".repeat(250) + i);
                }
            }
            boolean indexNode = dev.writtenBlocks().stream()
                    .anyMatch(b -> io.vexfs.core.format.Le.i32(dev.peek(b), 0) == FormatStructs.DIR_INDEX_MAGIC);
            if (!indexNode) {
                throw new IllegalStateException("the fuzz base image lost its directory index node");
            }
            return dev;
        } catch (VexfsException e) {
            throw new IllegalStateException("cannot build the fuzz base image", e);
        }
    }

    private static void write(VolumeEngine v, String p, int len, int seed) throws VexfsException {
        byte[] d = new byte[len];
        new java.util.Random(seed).nextBytes(d);
        try (FileHandle h = v.open(p, OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(d), 0);
        }
    }
}
