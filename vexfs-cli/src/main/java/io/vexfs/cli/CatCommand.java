package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** {@code vexfs cat IMAGE PATH...}: writes file contents, byte for byte, to stdout. */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Write the contents of files in a volume to stdout.")
final class CatCommand extends VolumeCommand {
    @ParentCommand
    VexfsCommand root;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files in the volume.")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        out().flush();
        OutputStream sink = root.binaryOut();
        try (Volume v = open(image, true)) {
            for (String user : paths) {
                String p = VolumePaths.normalize(user);
                if (v.stat(p, true).isDirectory()) {
                    throw new VexfsException(VexfsError.EISDIR, p + ": is a directory");
                }
                try (FileHandle h = v.open(p, OpenMode.readOnly())) {
                    copy(h, sink);
                }
            }
        }
        sink.flush();
        return 0;
    }

    private static void copy(FileHandle h, OutputStream sink) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = 0;
        while (true) {
            buf.clear();
            int n = h.read(buf, pos);
            if (n < 0) {
                return;
            }
            pos += n;
            sink.write(buf.array(), 0, n);
        }
    }
}
