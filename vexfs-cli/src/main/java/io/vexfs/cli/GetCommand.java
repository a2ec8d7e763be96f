package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code vexfs get IMAGE SRC DEST [-r]}: copies a volume file or tree out to the host. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Copy a file (or with -r a directory tree) out of a volume, preserving permissions, "
            + "times, symlinks and hard links.",
            "If DEST is an existing host directory, SRC is copied into it under its own name."})
final class GetCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "SRC", description = "Path in the volume.")
    String source;

    @Parameters(index = "2", paramLabel = "DEST", description = "Host destination.")
    Path dest;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Copy directories recursively.")
    boolean recursive;

    @Override
    public Integer call() throws VexfsException {
        String s = VolumePaths.normalize(source);
        Path target = dest;
        if (Files.isDirectory(dest) && !s.equals("/")) {
            target = dest.resolve(VolumePaths.name(s));
        }
        try (Volume v = open(image, true)) {
            new VolumeToHostCopier(v, CopyListener.NONE).copy(s, target, recursive);
        }
        return 0;
    }
}
