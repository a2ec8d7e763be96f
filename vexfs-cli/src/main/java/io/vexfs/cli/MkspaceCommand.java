package io.vexfs.cli;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs mkspace IMAGE NAME --dim N [--metric M]}: declares a vector space. */
@Command(name = "mkspace", mixinStandardHelpOptions = true,
        description = "Declare a vector space: a name, a dimension and a similarity metric.")
final class MkspaceCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "NAME", description = "Space name (1..64 bytes, no '/').")
    String name;

    @Option(names = {"-d", "--dim"}, required = true, paramLabel = "N", description = "Dimension (1..4096).")
    int dimension;

    @Option(names = {"-m", "--metric"}, paramLabel = "METRIC", defaultValue = "L2",
            description = "Similarity metric: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    VectorMetric metric;

    @Override
    public Integer call() throws VexfsException {
        VectorSpec spec;
        try {
            spec = new VectorSpec(name, dimension, metric);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(this.spec.commandLine(), e.getMessage());
        }
        try (Volume v = open(image, false)) {
            v.createVectorSpace(spec);
        }
        out().println("created vector space '" + name + "': " + dimension + " dimensions, " + metric);
        return 0;
    }
}
