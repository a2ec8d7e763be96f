package io.vexfs.core;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeBasicsTest {
    @TempDir
    Path tmp;

    static void write(Volume v, String path, byte[] data) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.createTruncate())) {
            h.write(ByteBuffer.wrap(data), 0);
        }
    }

    static byte[] read(Volume v, String path) throws VexfsException {
        try (FileHandle h = v.open(path, OpenMode.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate((int) h.size());
            while (b.hasRemaining() && h.read(b, b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }

    static void assertClean(Path image) {
        FsckReport r = Fsck.check(image, false);
        assertThat(r.problems()).as("fsck of " + image).isEmpty();
    }

    @Test
    void createsWritesReopensAndReads() throws Exception {
        Path img = tmp.resolve("v.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(64L << 20).withLabel("test"));
        assertClean(img);
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(big);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/a", 0755);
            v.mkdir("/a/b", 0700);
            write(v, "/a/hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
            write(v, "/a/b/big.bin", big);
            v.symlink("/a/link", "hello.txt");
            v.link("/a/hello.txt", "/hard");
            v.setXattr("/a/hello.txt", true, "user.color", "blue".getBytes(StandardCharsets.UTF_8));
            assertThat(read(v, "/a/link")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(read(v, "/a/b/big.bin")).isEqualTo(big);
        }
        assertClean(img);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.label()).isEqualTo("test");
            assertThat(read(v, "/a/b/big.bin")).isEqualTo(big);
            assertThat(read(v, "/hard")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(v.stat("/hard", false).nlink()).isEqualTo(2);
            assertThat(v.stat("/a", false).nlink()).isEqualTo(3);
            assertThat(v.readlink("/a/link")).isEqualTo("hello.txt");
            assertThat(new String(v.getXattr("/a/hello.txt", true, "user.color").orElseThrow(),
                    StandardCharsets.UTF_8)).isEqualTo("blue");
            List<DirEntry> es = v.readdir("/a", null, 100);
            assertThat(es).extracting(DirEntry::name).containsExactlyInAnyOrder("b", "hello.txt", "link");
            v.unlink("/hard");
            v.rename("/a/b", "/c", false);
            assertThat(v.stat("/c/big.bin", true).size()).isEqualTo(big.length);
            assertThatThrownBy(() -> v.rmdir("/c")).isInstanceOf(VexfsException.class)
                    .satisfies(e -> assertThat(((VexfsException) e).error()).isEqualTo(VexfsError.ENOTEMPTY));
            assertThatThrownBy(() -> v.rename("/a", "/a/x", false))
                    .satisfies(e -> assertThat(((VexfsException) e).error()).isEqualTo(VexfsError.EINVAL));
        }
        assertClean(img);
    }

    @Test
    void largeDirectoryIsIndexed() throws Exception {
        Path img = tmp.resolve("d.vexfs");
        Volume.mkfs(img, MkfsOptions.ofSize(256L << 20).withInodeCount(40_000));
        int n = 20_000;
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            v.mkdir("/d", 0755);
            for (int i = 0; i < n; i++) {
                v.open("/d/file-" + i, OpenMode.createTruncate()).close();
            }
            for (int i = 0; i < n; i += 7) {
                assertThat(v.stat("/d/file-" + i, false).isRegularFile()).isTrue();
            }
            int count = 0;
            DirCursor c = null;
            while (true) {
                List<DirEntry> page = v.readdir("/d", c, 1000);
                if (page.isEmpty()) {
                    break;
                }
                count += page.size();
                c = page.getLast().cursor();
            }
            assertThat(count).isEqualTo(n);
            for (int i = 0; i < n; i += 2) {
                v.unlink("/d/file-" + i);
            }
        }
        assertClean(img);
        try (Volume v = Volume.open(img, VolumeOptions.defaults())) {
            assertThat(v.tryStat("/d/file-2", false)).isEmpty();
            assertThat(v.stat("/d/file-3", false).isRegularFile()).isTrue();
        }
    }
}
