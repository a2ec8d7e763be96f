package io.vexfs.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Images and labels of Fashion-MNIST (Debian package {@code dataset-fashion-mnist}: gzip IDX files
 * under /usr/share/datasets/fashion-mnist), or, when the package is absent, a generated stand-in
 * with the same shape (28×28 grey images in 10 classes, each class a noisy prototype).
 *
 * @param images one 784-byte image per row
 * @param labels class 0..9 per image
 * @param real   whether the data came from the dataset package
 */
record FashionMnist(byte[][] images, int[] labels, boolean real) {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker",
        "bag", "ankle-boot"};
    static final int PIXELS = 28 * 28;

    static boolean installed() {
        return Files.isReadable(DIR.resolve("train-images-idx3-ubyte.gz"));
    }

    /** Up to {@code max} images of the train ({@code train}) or test split. */
    static FashionMnist load(boolean train, int max) throws IOException {
        String prefix = train ? "train" : "t10k";
        byte[][] images = readImages(DIR.resolve(prefix + "-images-idx3-ubyte.gz"), max);
        int[] labels = readLabels(DIR.resolve(prefix + "-labels-idx1-ubyte.gz"), images.length);
        return new FashionMnist(images, labels, true);
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    private static byte[][] readImages(Path p, int max) throws IOException {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (magic != 0x00000803 || rows != 28 || cols != 28 || count < 0) {
                throw new IOException(p + ": not a 28x28 IDX image file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int n = Math.min(count, max);
            byte[][] out = new byte[n][PIXELS];
            for (int i = 0; i < n; i++) {
                in.readFully(out[i]);
            }
            return out;
        }
    }

    private static int[] readLabels(Path p, int n) throws IOException {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            int count = in.readInt();
            if (magic != 0x00000801 || count < n) {
                throw new IOException(p + ": not an IDX label file for " + n + " images");
            }
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = in.readUnsignedByte();
            }
            return out;
        }
    }

    /** A generated corpus of the same shape: each class is a random prototype plus per-image noise. */
    static FashionMnist generated(int n, long seed) {
        Random rnd = new Random(seed);
        byte[][] protos = new byte[10][PIXELS];
        for (byte[] proto : protos) {
            for (int i = 0; i < PIXELS; i++) {
                proto[i] = (byte) rnd.nextInt(256);
            }
        }
        byte[][] images = new byte[n][PIXELS];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            labels[k] = rnd.nextInt(10);
            for (int i = 0; i < PIXELS; i++) {
                int v = (protos[labels[k]][i] & 0xff) + (int) (rnd.nextGaussian() * 40);
                images[k][i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new FashionMnist(images, labels, false);
    }

    /** The image as a PGM (P5) file. */
    static byte[] pgm(byte[] image) {
        byte[] header = "P5\n28 28\n255\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + PIXELS];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(image, 0, out, header.length, PIXELS);
        return out;
    }

    /** The pixel vector (raw 0..255 values as floats). */
    static float[] vector(byte[] image) {
        float[] v = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            v[i] = image[i] & 0xff;
        }
        return v;
    }
}
