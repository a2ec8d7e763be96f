package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code vexfs mkdir IMAGE PATH... [-p]}: creates directories. */
@Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create directories in a volume.")
final class MkdirCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Directories to create.")
    List<String> paths;

    @Option(names = {"-p", "--parents"}, description = "Create missing parents; no error if the directory exists.")
    boolean parents;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "755",
            description = "Permissions in octal (default ${DEFAULT-VALUE}).")
    String mode;

    @Override
    public Integer call() throws VexfsException {
        int perms;
        try {
            perms = Integer.parseInt(mode, 8);
        } catch (NumberFormatException e) {
            perms = -1;
        }
        if (perms < 0 || perms > 07777) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--mode '" + mode + "' is not an octal permission between 0 and 7777");
        }
        try (Volume v = open(image, false)) {
            for (String user : paths) {
                String p = VolumePaths.normalize(user);
                if (parents) {
                    Mkdirs.create(v, p, perms);
                } else {
                    v.mkdir(p, perms);
                }
            }
        }
        return 0;
    }
}
