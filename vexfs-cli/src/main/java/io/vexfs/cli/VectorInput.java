package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The mutually exclusive ways to give a vector on the command line (a picocli argument group). */
final class VectorInput {
    @Option(names = "--values", paramLabel = "NUMBERS", required = true,
            description = "Components separated by commas or spaces, e.g. 0.1,0.2,0.3.")
    String values;

    @Option(names = "--from", paramLabel = "FILE", required = true,
            description = "Host file with the vector: text numbers, or raw little-endian float32 if named *.f32.")
    Path file;

    float[] vector() throws VexfsException {
        return values != null ? VectorValues.parse(values) : VectorValues.read(file);
    }
}
