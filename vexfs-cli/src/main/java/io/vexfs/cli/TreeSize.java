package io.vexfs.cli;

import io.vexfs.api.VexfsException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Objects and content bytes under a host directory (not following symlinks), counted before an import so the
 * progress bar knows the total.
 *
 * @param objects files, directories and symlinks below the root
 * @param bytes   bytes in regular files
 */
record TreeSize(long objects, long bytes) {

    static TreeSize of(Path root) throws VexfsException {
        long[] counts = new long[2];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        counts[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    counts[0]++;
                    if (attrs.isRegularFile()) {
                        counts[1] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw HostErrors.toVexfs(e, root);
        }
        return new TreeSize(counts[0], counts[1]);
    }
}
