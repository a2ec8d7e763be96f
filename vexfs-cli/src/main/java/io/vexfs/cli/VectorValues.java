package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads vectors as users give them: {@code "0.1,0.2 0.3"} text, a text file of numbers, or raw little-endian float32. */
final class VectorValues {
    private VectorValues() {
    }

    /** Numbers separated by commas and/or whitespace. */
    static float[] parse(String text) throws VexfsException {
        String t = text.trim().replaceAll("^\\[|\\]$", "").trim();
        if (t.isEmpty()) {
            throw new VexfsException(VexfsError.EINVAL, "empty vector");
        }
        String[] parts = t.split("[,\\s]+");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new VexfsException(VexfsError.EINVAL, "vector component " + (i + 1) + " is not a number: '"
                        + parts[i] + "'");
            }
            if (!Float.isFinite(v[i])) {
                throw new VexfsException(VexfsError.EINVAL, "vector component " + (i + 1) + " is not finite");
            }
        }
        return v;
    }

    /** A host file: raw little-endian float32 if its name ends in {@code .f32}, otherwise text numbers. */
    static float[] read(Path file) throws VexfsException {
        try {
            if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".f32")) {
                byte[] raw = Files.readAllBytes(file);
                if (raw.length == 0 || raw.length % 4 != 0) {
                    throw new VexfsException(VexfsError.EINVAL, "host file " + file + ": " + raw.length
                            + " bytes is not a whole number of float32 values");
                }
                float[] v = new float[raw.length / 4];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                return v;
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, file);
        }
    }

    /** {@code [0.1, 0.2, ...]} with at most {@code max} components shown. */
    static String format(float[] v, int max) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(v.length, max); i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        if (v.length > max) {
            sb.append(", ... (").append(v.length).append(" components)");
        }
        return sb.append(']').toString();
    }
}
