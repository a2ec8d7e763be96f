package io.vexfs.examples;

import io.vexfs.api.SearchHit;
import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.nio.VexfsFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Embeddings on files and nearest-neighbour search that answers with paths.
 * Usage: {@code VectorSearch [image]}.
 */
public final class VectorSearch {
    private VectorSearch() {
    }

    public static void main(String[] args) throws IOException {
        Path image = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vexfs-vectors").resolve("v.vexfs");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:" + image.toUri()),
                Map.of("create", "true", "size", "128m"))) {
            VexfsFiles.createVectorSpace(fs, new VectorSpec("colour", 3, VectorMetric.L2));
            Random rnd = new Random(42);
            String[] shelves = {"red", "green", "blue"};
            for (int s = 0; s < shelves.length; s++) {
                Path shelf = Files.createDirectories(fs.getPath("/shelves", shelves[s]));
                for (int i = 0; i < 20; i++) {
                    Path item = Files.writeString(shelf.resolve("item-" + i + ".txt"), shelves[s] + " thing " + i);
                    float[] v = new float[3];
                    v[s] = 0.8f + 0.2f * rnd.nextFloat();
                    v[(s + 1) % 3] = 0.1f * rnd.nextFloat();
                    VexfsFiles.setVector(item, "colour", v);
                }
            }
            float[] reddish = {0.9f, 0.05f, 0.0f};
            List<SearchHit> hits = VexfsFiles.search(fs.getPath("/"), "colour", reddish, 5);
            System.out.println("nearest to " + java.util.Arrays.toString(reddish) + ":");
            for (SearchHit h : hits) {
                System.out.printf("  %-36s %.4f%n", h.path(), h.score());
            }
            // Vectors follow the file: rename it and search again
            Files.move(hits.getFirst().path(), fs.getPath("/favourite.txt"));
            System.out.println("after rename, best: " + VexfsFiles.search(fs.getPath("/"), "colour", reddish, 1)
                    .getFirst().path());
        }
    }
}
