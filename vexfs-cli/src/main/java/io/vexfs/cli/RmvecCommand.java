package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code vexfs rmvec IMAGE PATH --space S}: removes a file's vector; ENODATA if it had none. */
@Command(name = "rmvec", mixinStandardHelpOptions = true,
        description = "Remove the vector of a file in a space (exit status 61, ENODATA, if it had none).")
final class RmvecCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "File in the volume.")
    String path;

    @Option(names = {"-s", "--space"}, required = true, paramLabel = "SPACE", description = "Vector space.")
    String space;

    @Override
    public Integer call() throws VexfsException {
        String p = VolumePaths.normalize(path);
        try (Volume v = open(image, false)) {
            if (!v.removeVector(p, space)) {
                throw new VexfsException(VexfsError.ENODATA, p + ": no vector in space '" + space + "'");
            }
        }
        return 0;
    }
}
