package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs setvec IMAGE PATH --space S --values ...}: attaches a vector to a file. */
@Command(name = "setvec", mixinStandardHelpOptions = true,
        description = "Set the vector of a file in a space (replacing any previous one).")
final class SetvecCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "Regular file in the volume.")
    String path;

    @Option(names = {"-s", "--space"}, required = true, paramLabel = "SPACE", description = "Vector space.")
    String space;

    @ArgGroup(exclusive = true, multiplicity = "1")
    VectorInput input;

    @Override
    public Integer call() throws VexfsException {
        float[] vector = input.vector();
        try (Volume v = open(image, false)) {
            v.setVector(VolumePaths.normalize(path), space, vector);
        }
        return 0;
    }
}
