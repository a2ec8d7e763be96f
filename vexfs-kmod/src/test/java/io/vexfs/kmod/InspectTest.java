package io.vexfs.kmod;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** vexfs-inspect (the C parsing core in userspace) prints exactly what the Java engine sees. */
class InspectTest {
    @TempDir
    static Path tmp;
    static Path inspect;

    @BeforeAll
    static void build() throws Exception {
        inspect = Tools.buildInspect(tmp);
    }

    @Test
    void everyImageListsExactlyAsTheEngineSees() throws Exception {
        Map<String, Images.Made> images = Images.make(tmp, 5L << 30, false);
        // listings are compared softly: one report names every image whose listing differs
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (Map.Entry<String, Images.Made> e : images.entrySet()) {
            Proc.Result r = Proc.run(tmp, 600, inspect.toString(), e.getValue().image().toString());
            assertThat(r.exit()).as("vexfs-inspect %s exit; output:\n%s", e.getKey(), r.output()).isZero();
            String stdout = r.output().lines().filter(l -> !l.startsWith("vexfs-inspect:") && !l.startsWith("vexfs: ")).reduce("",
                    (a, b) -> a + b + "\n");
            soft.assertThat(stdout).as("listing of image '%s'", e.getKey()).isEqualTo(e.getValue().expected());
            for (Images.Knn q : e.getValue().knn()) {
                java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(inspect.toString(), "--knn",
                        e.getValue().image().toString(), q.space(), Integer.toString(q.k())));
                cmd.addAll(java.util.Arrays.asList(q.args().split(" ")));
                Proc.Result k = Proc.run(tmp, 120, cmd);
                assertThat(k.exit()).as("vexfs-inspect --knn %s:\n%s", q.space(), k.output()).isZero();
                KnnCheck.check("vexfs-inspect --knn " + e.getKey(), q, k.output(), false);
            }
            if (e.getKey().startsWith("dirty")) {
                assertThat(r.output()).as("dirty image must have journal transactions to replay")
                        .containsPattern("journal: [1-9][0-9]* tx");
            }
        }
        soft.assertAll();
    }
}
