package io.vexfs.core;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Directories followed by identity: current path after renames, change events naming the directory's inode. */
class DirectoryIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void directoryPathFollowsRenamesAndEndsWithTheDirectory() throws Exception {
        Path img = tmp.resolve("d.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(16L << 20));
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/a", 0755);
            v.mkdir("/a/b", 0755);
            v.mkdir("/a/b/c", 0755);
            for (int i = 0; i < 300; i++) { // a big parent: the name is found beyond the first page
                v.mkdir("/a/b/x" + i, 0755);
            }
            FileStat c = v.stat("/a/b/c", false);
            int gen = c.generation();
            assertThat(v.directoryPath(c.inode(), gen)).isEqualTo("/a/b/c");
            assertThat(v.directoryPath(v.stat("/", false).inode(), -1)).isEqualTo("/");
            v.rename("/a", "/z", false);
            v.mkdir("/q", 0755);
            v.rename("/z/b/c", "/q/c2", false);
            assertThat(v.directoryPath(c.inode(), gen)).isEqualTo("/q/c2");
            assertThat(v.directoryPath(c.inode(), -1)).isEqualTo("/q/c2");
            expectEnoent(() -> v.directoryPath(c.inode(), gen + 1));
            v.rmdir("/q/c2");
            expectEnoent(() -> v.directoryPath(c.inode(), gen));
            long file = v.stat("/z", false).inode();
            v.open("/f", OpenMode.createTruncate()).close();
            expectEnoent(() -> v.directoryPath(v.stat("/f", false).inode(), -1)); // not a directory
            assertThat(v.directoryPath(file, -1)).isEqualTo("/z");
        }
    }

    @Test
    void changeEventsNameTheDirectoryInode() throws Exception {
        Path img = tmp.resolve("e.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(16L << 20));
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/w", 0755);
            long w = v.stat("/w", false).inode();
            List<String> seen = new ArrayList<>();
            v.addChangeListener((dir, ino, name, kind) -> seen.add(dir + "|" + ino + "|" + name + "|" + kind));
            v.open("/w/f", OpenMode.createTruncate()).close();
            v.rename("/w", "/w2", false);
            v.unlink("/w2/f");
            assertThat(seen).contains("/w|" + w + "|f|CREATE", "/w2|" + w + "|f|DELETE");
        }
    }

    private static void expectEnoent(ThrowingRunnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(VexfsException.class,
                e -> assertThat(e.error()).isEqualTo(VexfsError.ENOENT));
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
