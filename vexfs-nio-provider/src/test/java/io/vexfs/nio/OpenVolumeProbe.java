package io.vexfs.nio;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.util.Map;

/** Run in a child JVM by {@link SecondProcessTest}: tries to open a volume and reports the outcome. */
final class OpenVolumeProbe {
    private OpenVolumeProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create(args[0]), Map.of("readOnly", args[1]))) {
            System.out.println("OPENED " + fs.isReadOnly());
        } catch (Exception e) {
            System.out.println("FAILED " + e.getClass().getName() + " " + e.getMessage());
        }
    }
}
