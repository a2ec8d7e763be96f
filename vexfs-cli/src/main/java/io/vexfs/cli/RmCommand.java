package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileStat;
import io.vexfs.core.FileType;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code vexfs rm IMAGE PATH... [-r]}: removes files, symlinks and (with -r) directory trees. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove files and symlinks; with -r also directories and everything under them.")
final class RmCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Paths in the volume.")
    List<String> paths;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Remove directories and their contents.")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Ignore paths that do not exist.")
    boolean force;

    @Override
    public Integer call() throws VexfsException {
        try (Volume v = open(image, false)) {
            for (String user : paths) {
                String p = VolumePaths.normalize(user);
                if (p.equals("/")) {
                    throw new VexfsException(VexfsError.EBUSY, "/: refusing to remove the root directory");
                }
                if (force && v.tryStat(p, false).isEmpty()) {
                    continue;
                }
                FileStat st = v.stat(p, false);
                if (!st.isDirectory()) {
                    v.unlink(p);
                } else if (!recursive) {
                    throw new VexfsException(VexfsError.EISDIR, p + ": is a directory (use -r)");
                } else {
                    removeTree(v, p);
                }
            }
        }
        return 0;
    }

    private static void removeTree(Volume v, String dir) throws VexfsException {
        for (DirEntry e : DirListing.sorted(v, dir)) {
            String child = VolumePaths.child(dir, e.name());
            if (e.type() == FileType.DIRECTORY) {
                removeTree(v, child);
            } else {
                v.unlink(child);
            }
        }
        v.rmdir(dir);
    }
}
