package io.vexfs.cli;

import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code vexfs spaces IMAGE}: the declared vector spaces and how many vectors each holds. */
@Command(name = "spaces", mixinStandardHelpOptions = true,
        description = "List the vector spaces of a volume with dimension, metric and vector count.")
final class SpacesCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws VexfsException {
        try (Volume v = open(image, true)) {
            List<VectorSpec> spaces = v.vectorSpaces();
            Map<String, Long> counts = v.statfs().vectorCounts();
            if (json) {
                List<Object> list = new ArrayList<>();
                for (VectorSpec s : spaces) {
                    list.add(Json.object("name", s.name(), "dimension", s.dimension(), "metric", s.metric().name(),
                            "vectors", counts.getOrDefault(s.name(), 0L)));
                }
                out().println(Json.write(list));
                return 0;
            }
            if (spaces.isEmpty()) {
                out().println("no vector spaces (create one with: vexfs mkspace " + image + " NAME --dim N)");
            }
            for (VectorSpec s : spaces) {
                out().printf("%-24s %5d dims  %-11s %d vectors%n", s.name(), s.dimension(), s.metric(),
                        counts.getOrDefault(s.name(), 0L));
            }
        }
        return 0;
    }
}
