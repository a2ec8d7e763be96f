package io.vexfs.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** mkfs, info, mkdir, ls, tree, mv, rm and cat against temporary images. */
class VolumeCommandsTest {
    @TempDir
    Path tmp;
    String img;

    @BeforeEach
    void format() {
        img = tmp.resolve("v.vexfs").toString();
        CliRun r = CliRun.of("mkfs", img, "--size", "32m", "--label", "unit", "--inodes", "1000");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("created").contains("32 MiB").contains("label 'unit'");
    }

    static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    @Test
    void infoShowsLabelFeaturesAndCounts() {
        CliRun r = ok("info", img);
        assertThat(r.out()).contains("label:         unit").contains("state:         clean")
                .contains("journal").contains("hashed_dirs").contains("1008 total"); // 1000 rounded up to 16 per block
    }

    @Test
    void infoJsonIsMachineReadable() {
        CliRun r = ok("info", img, "--json");
        assertThat(r.out()).startsWith("{").contains("\"label\": \"unit\"").contains("\"state\": \"clean\"")
                .contains("\"totalBlocks\": 8192").contains("\"featuresIncompat\": [");
    }

    @Test
    void mkfsRefusesToOverwriteWithoutForce() {
        CliRun r = CliRun.of("mkfs", img, "--size", "32m");
        assertThat(r.exitCode()).isEqualTo(17);
        assertThat(r.err()).contains("EEXIST").doesNotContain("at io.vexfs");
        ok("mkfs", img, "--size", "16m", "--force");
        assertThat(ok("info", img).out()).contains("16 MiB");
    }

    @Test
    void mkfsRejectsBadSizeAsUsageError() {
        CliRun r = CliRun.of("mkfs", tmp.resolve("x").toString(), "--size", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a size");
    }

    @Test
    void mkdirLsAndTree() {
        ok("mkdir", img, "/a/b/c", "-p");
        ok("mkdir", img, "/z", "-m", "700");
        assertThat(ok("ls", img).out()).isEqualTo("a\nz\n");
        assertThat(ok("ls", img, "-l").out()).contains("drwx------").contains("drwxr-xr-x").contains(" z\n");
        assertThat(ok("ls", img, "/", "-R").out()).contains("/a/b:\nc\n");
        assertThat(ok("tree", img).out()).contains("└── [         ]  c/").contains("4 directories, 0 files");
        CliRun again = CliRun.of("mkdir", img, "/a");
        assertThat(again.exitCode()).isEqualTo(17);
        ok("mkdir", img, "/a", "-p");
    }

    @Test
    void lsJsonListsEntriesWithAttributes() {
        ok("mkdir", img, "/d/e", "-p");
        CliRun r = ok("ls", img, "--json", "-R");
        assertThat(r.out()).contains("\"path\": \"/d\"").contains("\"path\": \"/d/e\"")
                .contains("\"type\": \"directory\"").contains("\"mode\": \"0755\"");
    }

    @Test
    void missingImageIsEnoent() {
        CliRun r = CliRun.of("ls", tmp.resolve("missing.vexfs").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ENOENT").contains("missing.vexfs").hasLineCount(1);
    }

    @Test
    void missingPathIsEnoentAndNotDirIsEnotdir() {
        CliRun r = CliRun.of("ls", img, "/nothing");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("vexfs ls: ").contains("/nothing").contains("[ENOENT, errno 2]");
        ok("mkdir", img, "/f");
        CliRun nd = CliRun.of("mkdir", img, "/f/x/y");
        assertThat(nd.exitCode()).isEqualTo(2);
    }

    @Test
    void notAnImageIsEuclean() throws Exception {
        Path junk = tmp.resolve("junk.bin");
        java.nio.file.Files.write(junk, new byte[1 << 20]);
        CliRun r = CliRun.of("info", junk.toString());
        assertThat(r.exitCode()).isEqualTo(117);
        assertThat(r.err()).contains("EUCLEAN").contains("bad magic");
    }

    @Test
    void mvRenamesAndMovesIntoDirectories() {
        ok("mkdir", img, "/a", "/b");
        ok("mv", img, "/a", "/b");
        assertThat(ok("ls", img, "/b").out()).isEqualTo("a\n");
        ok("mv", img, "/b/a", "/c");
        assertThat(ok("ls", img).out()).isEqualTo("b\nc\n");
        CliRun r = CliRun.of("mv", img, "/nope", "/x");
        assertThat(r.exitCode()).isEqualTo(2);
        CliRun inside = CliRun.of("mv", img, "/b", "/b/sub");
        assertThat(inside.exitCode()).as(inside.toString()).isEqualTo(22);
    }

    @Test
    void rmNeedsRecursiveForDirectories() {
        ok("mkdir", img, "/t/u/v", "-p");
        CliRun r = CliRun.of("rm", img, "/t");
        assertThat(r.exitCode()).isEqualTo(21);
        assertThat(r.err()).contains("EISDIR").contains("-r");
        ok("rm", img, "/t", "-r");
        assertThat(ok("ls", img).out()).isEmpty();
        assertThat(CliRun.of("rm", img, "/t").exitCode()).isEqualTo(2);
        ok("rm", img, "/t", "-f");
        assertThat(CliRun.of("rm", img, "/", "-r").exitCode()).isEqualTo(16);
        assertThat(ok("fsck", img).out()).contains("clean");
    }

    @Test
    void catOfDirectoryIsEisdir() {
        ok("mkdir", img, "/d");
        CliRun r = CliRun.of("cat", img, "/d");
        assertThat(r.exitCode()).isEqualTo(21);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"mkfs", "info", "fsck", "ls", "tree", "cat", "put", "get", "import", "rm", "mv",
            "mkdir", "selftest", "demo"}) {
            CliRun r = CliRun.of(sub, "--help");
            assertThat(r.exitCode()).as(sub).isZero();
            assertThat(r.out()).as(sub).startsWith("Usage: vexfs " + sub);
        }
        CliRun top = CliRun.of("--help");
        assertThat(top.out()).contains("Exit status:").contains("import");
    }

    @Test
    void missingSubcommandOrUnknownOptionIsUsageError() {
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
        assertThat(CliRun.of("ls", img, "--frobnicate").exitCode()).isEqualTo(2);
    }
}
