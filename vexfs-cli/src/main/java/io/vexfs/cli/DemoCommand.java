package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code vexfs demo [IMAGE]}: the guided tour of a volume (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Create a volume, store a small tree (text, binary, symlink, hard link, xattrs), reopen it, "
            + "print statfs and the tree, and fsck it.",
            "Without IMAGE a temporary image is used and removed afterwards (unless --keep)."})
final class DemoCommand extends VolumeCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "Image to create (kept afterwards).")
    Path image;

    @Option(names = {"-f", "--force"}, description = "Replace IMAGE if it exists.")
    boolean force;

    @Option(names = "--keep", description = "Keep the temporary image and print its path.")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        Path tmpDir = image == null ? Files.createTempDirectory("vexfs-demo") : null;
        Path img = image != null ? image : tmpDir.resolve("demo.vexfs");
        boolean ok;
        try {
            ok = new Demo(img, out()).run(force);
        } finally {
            if (tmpDir != null && !keep) {
                Files.deleteIfExists(img);
                Files.deleteIfExists(tmpDir);
            }
        }
        if (image != null || keep) {
            out().println("image kept at " + img + "; try: ./run vexfs ls -lR " + img);
        }
        if (!ok) {
            throw new VexfsException(VexfsError.EUCLEAN, "demo: the volume did not verify (see above)");
        }
        return 0;
    }
}
