package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs rmspace IMAGE NAME}: drops a vector space and its vectors. */
@Command(name = "rmspace", mixinStandardHelpOptions = true,
        description = "Drop a vector space and every vector stored in it (files are untouched).")
final class RmspaceCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "NAME", description = "Space name.")
    String name;

    @Override
    public Integer call() throws VexfsException {
        try (Volume v = open(image, false)) {
            v.dropVectorSpace(name);
        }
        return 0;
    }
}
