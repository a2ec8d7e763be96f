package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host text file assigning vectors to paths, one per line: {@code PATH<TAB>NUMBERS} (or the first whitespace
 * as separator), numbers separated by commas or spaces; blank lines and lines starting with {@code #} are skipped.
 * Relative paths are resolved against a base directory in the volume.
 */
final class VectorListFile {
    /** One line: where and what. */
    record Entry(String path, float[] vector, int line) {
    }

    private VectorListFile() {
    }

    static List<Entry> read(Path file, String baseDir) throws VexfsException {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int sep = t.indexOf('\t');
                if (sep < 0) {
                    sep = t.indexOf(' ');
                }
                if (sep <= 0) {
                    throw new VexfsException(VexfsError.EINVAL, "host file " + file + " line " + n
                            + ": expected PATH<TAB>NUMBERS");
                }
                String p = t.substring(0, sep);
                String path = VolumePaths.normalize(p.startsWith("/") ? p : VolumePaths.child(baseDir, p));
                float[] v;
                try {
                    v = VectorValues.parse(t.substring(sep + 1));
                } catch (VexfsException e) {
                    throw new VexfsException(e.error(), "host file " + file + " line " + n + ": " + e.detail());
                }
                out.add(new Entry(path, v, n));
            }
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, file);
        }
        return out;
    }
}
