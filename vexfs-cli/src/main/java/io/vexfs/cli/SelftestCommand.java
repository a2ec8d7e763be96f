package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code vexfs selftest}: exercises basic operations on a temporary volume; exit 0 if all pass, EIO (5) otherwise. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Run a basic-operations check on a temporary volume and report pass/fail per check.",
            "Exit status 0 when every check passes, 5 (EIO) otherwise."})
final class SelftestCommand extends VolumeCommand {
    @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the temporary image (default: system temp).")
    Path dir;

    @Option(names = "--keep", description = "Keep the image afterwards (its path is printed).")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        Path tmp = dir == null ? Files.createTempDirectory("vexfs-selftest") : Files.createTempDirectory(dir, "vexfs-selftest");
        Path image = tmp.resolve("selftest.vexfs");
        List<SelfTest.Outcome> outcomes;
        try {
            outcomes = new SelfTest(image).run(o -> {
                out().printf(Locale.ROOT, "%s  %-52s %8.1f ms%s%n", o.passed() ? "PASS" : "FAIL", o.name(),
                        o.micros() / 1000.0, o.passed() ? "" : "\n      " + o.failure());
                out().flush();
            });
        } finally {
            if (!keep) {
                Files.deleteIfExists(image);
                Files.deleteIfExists(tmp);
            }
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        out().println((outcomes.size() - failed) + "/" + outcomes.size() + " checks passed"
                + (keep ? "; image kept at " + image : ""));
        if (failed > 0) {
            throw new VexfsException(VexfsError.EIO, "selftest: " + failed + " check(s) failed");
        }
        return 0;
    }
}
