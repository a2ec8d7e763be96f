package io.vexfs.nio;

import io.vexfs.core.format.FormatStructs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decides whether {@code newFileSystem(Path, env)} should claim a path. {@code FileSystems} offers a path
 * to every installed provider in turn (zipfs included, in an order that depends on class and module
 * paths), so the provider claims only what is clearly its own: an existing file that starts with the
 * VexFS superblock magic, or an absent file named {@code *.vexfs}.
 */
final class ImageSniffer {
    static final String SUFFIX = ".vexfs";

    private ImageSniffer() {
    }

    static boolean claims(Path image) {
        if (!Files.exists(image)) {
            Path name = image.getFileName();
            return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
        }
        return startsWithMagic(image);
    }

    private static boolean startsWithMagic(Path image) {
        if (!Files.isRegularFile(image)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(image)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4) {
                return false;
            }
            int magic = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
            return magic == FormatStructs.SUPER_MAGIC;
        } catch (IOException e) {
            // unreadable here: not claimed, so FileSystems can offer the path to the next provider
            return false;
        }
    }
}
