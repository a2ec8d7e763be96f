package io.vexfs.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quick start: a vexfs volume used through nothing but {@code java.nio.file}.
 * Usage: {@code QuickStart [image]} (default: a temporary file).
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) throws IOException {
        Path image = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vexfs-quickstart").resolve("q.vexfs");
        URI uri = URI.create("vexfs:" + image.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "size", "64m"))) {
            Path docs = Files.createDirectories(fs.getPath("/docs/2026"));
            Files.writeString(docs.resolve("hello.txt"), "hello, vexfs\n");
            Files.setPosixFilePermissions(docs.resolve("hello.txt"), PosixFilePermissions.fromString("rw-r-----"));
            Files.createSymbolicLink(fs.getPath("/latest"), docs);
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                walk.forEach(p -> System.out.println(p));
            }
        }
        // reopen: everything is still there
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            String text = Files.readString(fs.getPath("/latest/hello.txt"), StandardCharsets.UTF_8);
            System.out.println("read back: " + text.strip());
            System.out.println("store: " + Files.getFileStore(fs.getPath("/")).getTotalSpace() + " bytes total");
        }
    }
}
