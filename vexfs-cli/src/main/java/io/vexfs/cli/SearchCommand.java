package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.VectorHit;
import io.vexfs.core.VectorQuery;
import io.vexfs.core.Volume;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code vexfs search IMAGE --space S --values ... [-k 10]}: the nearest files to a query vector. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find the k files whose vectors are nearest a query (given, or the vector of another file).")
final class SearchCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Option(names = {"-s", "--space"}, required = true, paramLabel = "SPACE", description = "Vector space.")
    String space;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    /** The query vector: given, or another file's. */
    static final class Query {
        @ArgGroup(exclusive = false)
        VectorInputGroup given;

        @Option(names = "--like", required = true, paramLabel = "PATH",
                description = "Use the vector of this file in the volume as the query.")
        String like;
    }

    /** Wrapper so the vector input options can sit in the exclusive query group. */
    static final class VectorInputGroup {
        @ArgGroup(exclusive = true, multiplicity = "1")
        VectorInput input;
    }

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--under", paramLabel = "DIR", defaultValue = "/", description = "Only files under this directory.")
    String under;

    @Option(names = "--exact", description = "Exact brute-force search instead of the HNSW index.")
    boolean exact;

    @Option(names = "--ef", paramLabel = "EF", defaultValue = "0", description = "HNSW beam width (>= k; 0 = default).")
    int ef;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws VexfsException {
        if (k < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-k must be at least 1");
        }
        try (Volume v = open(image, true)) {
            float[] q;
            if (query.like != null) {
                String p = VolumePaths.normalize(query.like);
                q = v.getVector(p, space).orElseThrow(
                        () -> new VexfsException(VexfsError.ENODATA, p + ": no vector in space '" + space + "'"));
            } else {
                q = query.given.input.vector();
            }
            long t0 = System.nanoTime();
            List<VectorHit> hits = v.search(VolumePaths.normalize(under), space, q, k, new VectorQuery(exact, ef, null));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (json) {
                List<Object> list = new ArrayList<>();
                for (VectorHit h : hits) {
                    list.add(Json.object("path", h.path(), "inode", h.inode(), "score", (double) h.score()));
                }
                out().println(Json.write(list));
            } else {
                for (int i = 0; i < hits.size(); i++) {
                    VectorHit h = hits.get(i);
                    out().printf(Locale.ROOT, "%3d  %.6f  %s%n", i + 1, h.score(), h.path());
                }
                err().printf(Locale.ROOT, "%d result(s), %s search, %.1f ms%n", hits.size(), exact ? "exact" : "approximate", ms);
            }
        }
        return 0;
    }
}
