package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs mkfs IMAGE --size 1g}: formats a new volume image. */
@Command(name = "mkfs", mixinStandardHelpOptions = true,
        description = "Create a new volume image (a sparse file of the given size).")
final class MkfsCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image file to create.")
    Path image;

    @Option(names = {"-s", "--size"}, required = true, converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Volume size, e.g. 1g, 512m, 4096k (powers of 1024; at least 256k).")
    long size;

    @Option(names = {"-L", "--label"}, paramLabel = "LABEL", defaultValue = "",
            description = "Volume label (up to 64 bytes of UTF-8).")
    String label;

    @Option(names = {"-N", "--inodes"}, paramLabel = "N",
            description = "Number of inodes (default: one per 16 KiB of volume).")
    long inodes;

    @Option(names = {"-f", "--force"}, description = "Replace an existing image file.")
    boolean force;

    @Override
    public Integer call() throws VexfsException {
        MkfsOptions options = MkfsOptions.ofSize(size).withLabel(label).withInodeCount(Math.max(0, inodes))
                .withOverwrite(force);
        if (inodes < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--inodes must be positive");
        }
        Volume.mkfs(image, options);
        try (Volume v = open(image, true)) {
            VexfsStats s = v.statfs();
            out().printf("created %s: %s (%d blocks of %d bytes), %d inodes, %s free, label '%s', uuid %s%n",
                    image, Formats.bytes(s.totalBytes()), s.totalBlocks(), s.blockSize(), s.totalInodes(),
                    Formats.bytes(s.freeBytes()), v.label(), v.uuid());
        }
        return 0;
    }
}
