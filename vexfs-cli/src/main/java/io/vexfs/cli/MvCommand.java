package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

/** {@code vexfs mv IMAGE FROM TO}: renames atomically; into TO if it is a directory. */
@Command(name = "mv", mixinStandardHelpOptions = true,
        description = {"Rename or move a file or directory atomically.",
            "If TO is an existing directory, FROM is moved into it; an existing file at TO is replaced."})
final class MvCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "FROM", description = "Existing path in the volume.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "New path (or an existing directory).")
    String to;

    @Option(names = {"-n", "--no-clobber"}, description = "Fail with EEXIST instead of replacing an existing TO.")
    boolean noClobber;

    @Override
    public Integer call() throws VexfsException {
        String f = VolumePaths.normalize(from);
        String t = VolumePaths.normalize(to);
        try (Volume v = open(image, false)) {
            v.stat(f, false);
            Optional<FileStat> target = v.tryStat(t, true);
            if (target.isPresent() && target.get().isDirectory() && !f.equals(t)) {
                t = VolumePaths.child(t, VolumePaths.name(f));
            }
            v.rename(f, t, noClobber);
        }
        return 0;
    }
}
