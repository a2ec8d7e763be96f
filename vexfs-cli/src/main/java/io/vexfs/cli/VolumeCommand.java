package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Common ground of the subcommands: their text streams and opening the image they work on. */
abstract class VolumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Opens {@code image}; read-only opens take no lock and never modify the image. */
    static Volume open(Path image, boolean readOnly) throws VexfsException {
        return Volume.open(image, VolumeOptions.defaults().withReadOnly(readOnly));
    }
}
