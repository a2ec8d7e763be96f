package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

/** {@code vexfs put IMAGE SRC DEST [-r]}: copies a host file or tree into a volume. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = {"Copy a host file (or with -r a directory tree) into a volume, preserving permissions, "
            + "times, symlinks and hard links.",
            "If DEST is an existing directory, SRC is copied into it under its own name."})
final class PutCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "SRC", description = "Host file or directory.")
    Path source;

    @Parameters(index = "2", paramLabel = "DEST", description = "Destination path in the volume.")
    String dest;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Copy directories recursively.")
    boolean recursive;

    @Override
    public Integer call() throws VexfsException {
        String d = VolumePaths.normalize(dest);
        HostToVolumeCopier.attributes(source); // ENOENT before the volume is opened for writing
        try (Volume v = open(image, false)) {
            Optional<FileStat> existing = v.tryStat(d, true);
            if (existing.isPresent() && existing.get().isDirectory()) {
                Path name = source.toAbsolutePath().normalize().getFileName();
                if (name == null) {
                    throw new VexfsException(VexfsError.EINVAL, "cannot copy the host root directory; use import");
                }
                d = VolumePaths.child(d, name.toString());
            }
            new HostToVolumeCopier(v, CopyListener.NONE).copy(source, d, recursive);
        }
        return 0;
    }
}
