package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckProblem;
import io.vexfs.core.fsck.FsckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vexfs fsck IMAGE [--repair]}: checks every on-disk invariant; lists each problem. Exit status 0 when
 * the volume is (or was repaired to) consistent, EUCLEAN (117) when problems remain.
 */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check a volume's consistency (checksums, tree, extents, link counts, bitmaps).",
            "Exit status 0 when clean or fully repaired, 117 (EUCLEAN) when problems remain."})
final class FsckCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image (must not be open for writing).")
    Path image;

    @Option(names = {"-r", "--repair"}, description = "Fix what can be fixed (bitmaps, link counts, orphans).")
    boolean repair;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws VexfsException {
        if (!Files.exists(image, LinkOption.NOFOLLOW_LINKS) && !Files.exists(image)) {
            throw new VexfsException(VexfsError.ENOENT, image + ": no such image file");
        }
        ProgressLine progress = new ProgressLine(err(), !quiet && !json && ProgressLine.interactive());
        long started = System.nanoTime();
        FsckReport report = Fsck.check(image, repair, n -> progress.show("checked " + n + " inodes"));
        progress.clear();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            List<Object> problems = new ArrayList<>();
            for (FsckProblem p : report.problems()) {
                problems.add(Json.object("where", p.where(), "what", p.what(), "repaired", p.repaired()));
            }
            out().println(Json.write(Json.object("image", image.toString(), "clean", report.clean(),
                    "repair", repair, "inodes", report.inodes(), "directories", report.directories(),
                    "blocksInUse", report.blocksInUse(), "problems", problems,
                    "unrepaired", report.unrepaired())));
        } else {
            for (FsckProblem p : report.problems()) {
                out().println((p.repaired() ? "repaired: " : "problem:  ") + p.where() + ": " + p.what());
            }
            String counts = report.inodes() + " inodes, " + report.directories() + " directories, "
                    + report.blocksInUse() + " blocks in use, " + millis + " ms";
            if (report.clean()) {
                out().println(image + ": clean (" + counts + ")");
            } else {
                long fixed = report.problems().size() - report.unrepaired();
                out().println(image + ": " + report.problems().size() + " problem(s), " + fixed + " repaired, "
                        + report.unrepaired() + " remaining (" + counts + ")"
                        + (repair || report.unrepaired() == 0 ? "" : "; run with --repair to fix what can be fixed"));
            }
        }
        return report.unrepaired() == 0 ? 0 : VexfsError.EUCLEAN.exitCode();
    }
}
