package io.vexfs.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.vexfs.cli.VolumeCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** mkspace, spaces, setvec, getvec, rmvec, search and rmspace. */
class VectorCommandsTest {
    @TempDir
    Path tmp;
    String img;

    @BeforeEach
    void setUp() throws Exception {
        img = tmp.resolve("v.vexfs").toString();
        ok("mkfs", img, "--size", "32m");
        Path hello = Files.writeString(tmp.resolve("hello.txt"), "hi");
        ok("mkdir", img, "/docs/more", "-p");
        for (String p : new String[] {"/docs/a", "/docs/b", "/docs/more/c", "/d"}) {
            ok("put", img, hello.toString(), p);
        }
        ok("mkspace", img, "emb", "--dim", "3", "--metric", "l2");
    }

    @Test
    void setGetAndSearch() {
        ok("setvec", img, "/docs/a", "--space", "emb", "--values", "1,0,0");
        ok("setvec", img, "/docs/b", "--space", "emb", "--values", "0 1 0");
        ok("setvec", img, "/docs/more/c", "-s", "emb", "--values", "[0.9, 0.1, 0]");
        ok("setvec", img, "/d", "-s", "emb", "--values", "1,0,0.01");
        assertThat(ok("getvec", img, "/docs/b", "-s", "emb").out()).isEqualTo("0.0,1.0,0.0\n");
        assertThat(ok("spaces", img).out()).contains("emb").contains("3 dims").contains("L2").contains("4 vectors");

        CliRun all = CliRun.of("search", img, "-s", "emb", "--values", "1,0,0", "-k", "2", "--exact");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines().toList()).hasSize(2);
        assertThat(all.out().lines().toList().get(0)).endsWith("/docs/a");
        assertThat(all.out().lines().toList().get(1)).endsWith("/d");

        CliRun under = CliRun.of("search", img, "-s", "emb", "--like", "/docs/a", "-k", "5", "--under", "/docs/more");
        assertThat(under.exitCode()).as(under.toString()).isZero();
        assertThat(under.out().lines().toList()).singleElement().asString().endsWith("/docs/more/c");

        assertThat(ok("search", img, "-s", "emb", "--values", "0,1,0", "-k", "1", "--json").out())
                .contains("\"path\": \"/docs/b\"").contains("\"score\"");
    }

    @Test
    void vectorFromRawFloat32File() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(0.25f).putFloat(2f);
        Path f = Files.write(tmp.resolve("q.f32"), b.array());
        ok("setvec", img, "/d", "-s", "emb", "--from", f.toString());
        assertThat(ok("getvec", img, "/d", "-s", "emb", "--json").out()).contains("0.5").contains("0.25").contains("2.0");
    }

    @Test
    void importWithVectorsSetsThemAfterTheCopy() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(src.resolve("x.txt"), "x");
        Files.writeString(tmp.resolve("tree/y.txt"), "y");
        Path list = Files.writeString(tmp.resolve("vectors.tsv"), "# path\tvector\nsub/x.txt\t1,0,0\ny.txt\t0 1 0\n");
        CliRun r = ok("import", img, tmp.resolve("tree").toString(), "/imp", "--vectors", list.toString(), "-s", "emb");
        assertThat(r.out()).contains("2 vectors set in space 'emb'");
        assertThat(ok("getvec", img, "/imp/sub/x.txt", "-s", "emb").out()).isEqualTo("1.0,0.0,0.0\n");
        CliRun hit = CliRun.of("search", img, "-s", "emb", "--values", "0,1,0", "-k", "1");
        assertThat(hit.out()).contains("/imp/y.txt");

        Path bad = Files.writeString(tmp.resolve("bad.tsv"), "y.txt\t1,2\n");
        CliRun wrong = CliRun.of("import", img, tmp.resolve("tree").toString(), "/imp2", "--vectors", bad.toString(),
                "-s", "emb");
        assertThat(wrong.exitCode()).isEqualTo(22);
        assertThat(wrong.err()).contains("line 1");
        assertThat(CliRun.of("import", img, tmp.resolve("tree").toString(), "--vectors", list.toString()).exitCode())
                .as("--vectors without --space").isEqualTo(2);
    }

    @Test
    void errors() {
        CliRun wrongDim = CliRun.of("setvec", img, "/d", "-s", "emb", "--values", "1,2");
        assertThat(wrongDim.exitCode()).as(wrongDim.toString()).isEqualTo(22);
        assertThat(CliRun.of("setvec", img, "/d", "-s", "emb", "--values", "1,x,3").exitCode()).isEqualTo(22);
        assertThat(CliRun.of("setvec", img, "/nope", "-s", "emb", "--values", "1,2,3").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("setvec", img, "/d", "-s", "emb").exitCode()).as("no vector given").isEqualTo(2);
        CliRun none = CliRun.of("getvec", img, "/d", "-s", "emb");
        assertThat(none.exitCode()).isEqualTo(61);
        assertThat(none.err()).contains("ENODATA");
        assertThat(CliRun.of("rmvec", img, "/d", "-s", "emb").exitCode()).isEqualTo(61);
        assertThat(CliRun.of("mkspace", img, "emb", "--dim", "3").exitCode()).isEqualTo(17);
        assertThat(CliRun.of("mkspace", img, "big", "--dim", "5000").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("getvec", img, "/d", "-s", "unknown").exitCode()).isNotZero();
    }

    @Test
    void removeVectorAndSpace() {
        ok("setvec", img, "/d", "-s", "emb", "--values", "1,1,1");
        ok("rmvec", img, "/d", "-s", "emb");
        assertThat(CliRun.of("getvec", img, "/d", "-s", "emb").exitCode()).isEqualTo(61);
        ok("setvec", img, "/d", "-s", "emb", "--values", "1,1,1");
        ok("rmspace", img, "emb");
        assertThat(ok("spaces", img).out()).contains("no vector spaces");
        CliRun unknown = CliRun.of("rmspace", img, "emb");
        assertThat(unknown.exitCode()).isEqualTo(2); // ENOENT
        assertThat(unknown.err()).contains("vector space emb does not exist").hasLineCount(1);
        assertThat(ok("fsck", img).out()).contains("clean");
    }
}
