package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code vexfs import IMAGE DIR [DEST]}: bulk copy of a host directory's contents into a volume. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Copy everything under a host directory into a volume directory (created if missing), "
            + "preserving permissions, times, symlinks and hard links, with a progress bar on stderr.",
            "With --vectors FILE --space S, then sets the vectors listed in FILE (lines PATH<TAB>NUMBERS, "
            + "paths relative to DEST)."})
final class ImportCommand extends VolumeCommand {
    /** When the progress bar is drawn. */
    enum ProgressMode { AUTO, ALWAYS, NEVER }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "DIR", description = "Host directory whose contents are imported.")
    Path source;

    @Parameters(index = "2", paramLabel = "DEST", defaultValue = "/", description = "Volume directory (default /).")
    String dest;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress bar: ${COMPLETION-CANDIDATES} (auto: when stderr is a terminal).")
    ProgressMode progress;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "Host file of lines PATH<TAB>NUMBERS: vectors to set after the copy (needs --space).")
    Path vectors;

    @Option(names = {"-s", "--space"}, paramLabel = "SPACE", description = "Vector space of --vectors.")
    String space;

    @Override
    public Integer call() throws VexfsException {
        if ((vectors == null) != (space == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--vectors and --space go together");
        }
        if (!HostToVolumeCopier.attributes(source).isDirectory()) {
            throw new VexfsException(VexfsError.ENOTDIR, "host file " + source + ": not a directory");
        }
        String d = VolumePaths.normalize(dest);
        List<VectorListFile.Entry> vectorEntries = vectors == null ? List.of() : VectorListFile.read(vectors, d);
        TreeSize size = TreeSize.of(source);
        boolean draw = progress == ProgressMode.ALWAYS || (progress == ProgressMode.AUTO && ProgressLine.interactive());
        ProgressBar bar = new ProgressBar(new ProgressLine(err(), draw), size.objects(), size.bytes());
        CopyListener listener = new CopyListener() {
            @Override
            public void copied(String what, long bytes) {
                bar.copied(what, bytes);
            }

            @Override
            public void skipped(String what, String why) {
                bar.skipped(what, why);
                err().println("skipped " + what + ": " + why);
            }
        };
        try (Volume v = open(image, false)) {
            Mkdirs.create(v, d, 0755);
            HostToVolumeCopier copier = new HostToVolumeCopier(v, listener);
            for (Path child : children(source)) {
                copier.copy(child, VolumePaths.child(d, child.getFileName().toString()), true);
            }
            for (VectorListFile.Entry e : vectorEntries) {
                try {
                    v.setVector(e.path(), space, e.vector());
                } catch (VexfsException ex) {
                    throw new VexfsException(ex.error(), vectors + " line " + e.line() + ": " + ex.detail(), ex);
                }
            }
        } finally {
            bar.finish();
        }
        out().printf(Locale.ROOT, "imported %d objects (%s) from %s into %s:%s in %.2f s%s%n", bar.objects() - bar.skipped(),
                Formats.bytes(bar.bytes()), source, image, d, bar.seconds(),
                (bar.skipped() == 0 ? "" : ", skipped " + bar.skipped())
                + (vectorEntries.isEmpty() ? "" : ", " + vectorEntries.size() + " vectors set in space '" + space + "'"));
        return 0;
    }

    private static List<Path> children(Path dir) throws VexfsException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, dir);
        }
        out.sort(null);
        return out;
    }
}
