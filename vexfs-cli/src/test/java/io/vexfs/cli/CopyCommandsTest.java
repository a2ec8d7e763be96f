package io.vexfs.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

import static io.vexfs.cli.VolumeCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** put, get, import and cat: content, permissions, times, symlinks and hard links survive a round trip. */
class CopyCommandsTest {
    @TempDir
    Path tmp;
    String img;
    Path src;
    byte[] big;

    @BeforeEach
    void setUp() throws Exception {
        img = tmp.resolve("v.vexfs").toString();
        ok("mkfs", img, "--size", "64m");
        src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(src.resolve("sub/deeper"));
        Files.writeString(src.resolve("hello.txt"), "hello\n");
        big = new byte[2 * 1024 * 1024 + 99];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("sub/big.bin"), big);
        Files.createSymbolicLink(src.resolve("link"), Path.of("hello.txt"));
        Files.createLink(src.resolve("sub/deeper/hard.txt"), src.resolve("hello.txt"));
        Files.setPosixFilePermissions(src.resolve("hello.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(src.resolve("sub/big.bin"), FileTime.from(Instant.parse("2021-02-03T04:05:06.123456789Z")));
    }

    @Test
    void putFileAndCatIt() {
        ok("put", img, src.resolve("hello.txt").toString(), "/greeting");
        assertThat(ok("cat", img, "/greeting").rawText()).isEqualTo("hello\n");
        assertThat(ok("ls", img, "-l", "/greeting").out()).startsWith("-rw-r-----");
    }

    @Test
    void putIntoExistingDirectoryKeepsTheName() {
        ok("mkdir", img, "/d");
        ok("put", img, src.resolve("hello.txt").toString(), "/d");
        assertThat(ok("ls", img, "/d").out()).isEqualTo("hello.txt\n");
    }

    @Test
    void putDirectoryWithoutRecursiveIsEisdir() {
        CliRun r = CliRun.of("put", img, src.toString(), "/x");
        assertThat(r.exitCode()).isEqualTo(21);
        assertThat(r.err()).contains("-r");
    }

    @Test
    void putMissingSourceIsEnoent() {
        CliRun r = CliRun.of("put", img, tmp.resolve("nope").toString(), "/x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ENOENT").contains("nope");
    }

    @Test
    void recursiveRoundTripPreservesEverything() throws Exception {
        ok("put", img, src.toString(), "/copy", "-r");
        CliRun ls = ok("ls", img, "-l", "/copy");
        assertThat(ls.out()).contains("link -> hello.txt").contains("-rw-r-----   2");
        assertThat(ok("cat", img, "/copy/sub/big.bin").bytes()).isEqualTo(big);

        Path back = tmp.resolve("back");
        ok("get", img, "/copy", back.toString(), "-r");
        assertThat(Files.readAllBytes(back.resolve("sub/big.bin"))).isEqualTo(big);
        assertThat(Files.readString(back.resolve("hello.txt"))).isEqualTo("hello\n");
        assertThat(Files.readSymbolicLink(back.resolve("link"))).isEqualTo(Path.of("hello.txt"));
        assertThat(Files.isSameFile(back.resolve("hello.txt"), back.resolve("sub/deeper/hard.txt"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("hello.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(back.resolve("sub/big.bin"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(Files.getLastModifiedTime(src.resolve("sub/big.bin")));
        assertThat(ok("fsck", img).out()).contains("clean");
    }

    @Test
    void getIntoExistingDirectoryAndGetOfDirectoryNeedsRecursive() throws Exception {
        ok("put", img, src.resolve("hello.txt").toString(), "/h.txt");
        Path out = Files.createDirectories(tmp.resolve("out"));
        ok("get", img, "/h.txt", out.toString());
        assertThat(Files.readString(out.resolve("h.txt"))).isEqualTo("hello\n");
        ok("mkdir", img, "/d");
        assertThat(CliRun.of("get", img, "/d", out.toString()).exitCode()).isEqualTo(21);
        assertThat(CliRun.of("get", img, "/missing", out.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void importCopiesContentsWithProgressAndSummary() {
        CliRun r = CliRun.of("import", img, src.toString(), "/imported/here", "--progress", "always");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("imported 6 objects").contains("/imported/here");
        assertThat(r.err()).contains("[").contains("100%").contains("6/6 objects");
        assertThat(ok("ls", img, "/imported/here").out()).isEqualTo("hello.txt\nlink\nsub\n");
        assertThat(ok("cat", img, "/imported/here/sub/deeper/hard.txt").rawText()).isEqualTo("hello\n");
        CliRun tree = ok("tree", img, "/imported");
        assertThat(tree.out()).contains("hard.txt  (2 links").contains("link -> hello.txt");
    }

    @Test
    void importWithoutProgressKeepsStderrClean() {
        CliRun r = ok("import", img, src.toString(), "--progress", "never");
        assertThat(r.out()).contains("imported 6 objects");
    }

    @Test
    void importOfAFileIsEnotdir() {
        CliRun r = CliRun.of("import", img, src.resolve("hello.txt").toString());
        assertThat(r.exitCode()).isEqualTo(20);
    }

    @Test
    void catConcatenatesSeveralFiles() {
        ok("put", img, src.resolve("hello.txt").toString(), "/a");
        ok("put", img, src.resolve("hello.txt").toString(), "/b");
        assertThat(new String(ok("cat", img, "/a", "/b").bytes(), StandardCharsets.UTF_8)).isEqualTo("hello\nhello\n");
    }
}
