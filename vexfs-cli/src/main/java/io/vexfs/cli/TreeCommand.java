package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs tree IMAGE [PATH]}: the directory tree with sizes. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print the directory tree under PATH with file sizes and symlink targets.")
final class TreeCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "Directory in the volume (default /).")
    String path;

    @Override
    public Integer call() throws VexfsException {
        String p = VolumePaths.normalize(path);
        try (Volume v = open(image, true)) {
            if (!v.stat(p, true).isDirectory()) {
                throw new VexfsException(io.vexfs.api.VexfsError.ENOTDIR, p + ": not a directory");
            }
            new TreePrinter(v, out()).print(p);
        }
        return 0;
    }
}
