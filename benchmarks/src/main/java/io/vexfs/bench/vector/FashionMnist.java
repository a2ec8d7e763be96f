package io.vexfs.bench.vector;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads Fashion-MNIST gzip IDX image files (big-endian header, unsigned bytes) as float vectors. */
final class FashionMnist {
    private FashionMnist() {
    }

    static float[][] images(Path gz, int limit) throws IOException {
        try (InputStream raw = Files.newInputStream(gz);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new IOException(gz + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int n = Math.min(count, limit);
            int dim = rows * cols;
            float[][] out = new float[n][dim];
            byte[] buf = new byte[dim];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < dim; j++) {
                    out[i][j] = buf[j] & 0xff;
                }
            }
            return out;
        }
    }
}
