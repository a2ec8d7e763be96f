package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code vexfs getvec IMAGE PATH --space S}: prints a file's vector; ENODATA if it has none. */
@Command(name = "getvec", mixinStandardHelpOptions = true,
        description = {"Print the vector of a file in a space, one line of comma-separated components.",
            "Exit status 61 (ENODATA) when the file has no vector in that space."})
final class GetvecCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "File in the volume.")
    String path;

    @Option(names = {"-s", "--space"}, required = true, paramLabel = "SPACE", description = "Vector space.")
    String space;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() throws VexfsException {
        String p = VolumePaths.normalize(path);
        try (Volume v = open(image, true)) {
            float[] vec = v.getVector(p, space).orElseThrow(
                    () -> new VexfsException(VexfsError.ENODATA, p + ": no vector in space '" + space + "'"));
            if (json) {
                List<Object> list = new ArrayList<>();
                for (float f : vec) {
                    list.add((double) f);
                }
                out().println(Json.write(list));
            } else {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < vec.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(vec[i]);
                }
                out().println(sb);
            }
        }
        return 0;
    }
}
