package io.vexfs.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JDK's zip filesystem stacked on a vexfs volume: a zip file inside the volume, opened as a
 * filesystem of its own. Usage: {@code ZipOnVexfs [image]}.
 */
public final class ZipOnVexfs {
    private ZipOnVexfs() {
    }

    public static void main(String[] args) throws IOException {
        Path image = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vexfs-zip").resolve("z.vexfs");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:" + image.toUri()),
                Map.of("create", "true", "size", "64m"))) {
            Path zip = fs.getPath("/archive.zip");
            try (FileSystem zfs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
                Files.writeString(zfs.getPath("/readme.txt"), "zipped inside vexfs");
                Files.createDirectories(zfs.getPath("/data"));
                Files.write(zfs.getPath("/data/bytes.bin"), new byte[4096]);
            }
            System.out.println("zip size in the volume: " + Files.size(zip) + " bytes");
            try (FileSystem zfs = FileSystems.newFileSystem(zip)) {
                System.out.println("readme: " + Files.readString(zfs.getPath("/readme.txt")));
                System.out.println("data/bytes.bin: " + Files.size(zfs.getPath("/data/bytes.bin")) + " bytes");
            }
        }
    }
}
