package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Superblock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads and validates the primary superblock of an image as it is on disk (before any journal replay). */
final class SuperblockReader {
    private SuperblockReader() {
    }

    static Superblock read(Path image) throws VexfsException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            long blocks = ch.size() / FormatStructs.BLOCK_SIZE;
            ByteBuffer b = ByteBuffer.allocate(FormatStructs.BLOCK_SIZE);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    throw new VexfsException(io.vexfs.api.VexfsError.EUCLEAN,
                            image + ": image is " + ch.size() + " bytes, too short for a superblock");
                }
            }
            return Superblock.decode(b.array(), 0, blocks);
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, image);
        }
    }
}
