package io.vexfs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.vexfs.cli.VolumeCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** selftest and demo run end to end and leave what they promise. */
class SelftestAndDemoTest {
    @TempDir
    Path tmp;

    @Test
    void selftestPassesEveryCheckAndCleansUp() throws Exception {
        CliRun r = ok("selftest", "--dir", tmp.toString());
        assertThat(r.out()).contains("PASS  mkfs").contains("PASS  fsck reports the volume clean")
                .doesNotContain("FAIL").containsPattern("(\\d+)/\\1 checks passed");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void demoBuildsAVolumeThatListsAndChecksClean() {
        Path img = tmp.resolve("demo.vexfs");
        CliRun r = ok("demo", img.toString());
        assertThat(r.out()).contains("matches what was written").contains("clean:").contains("sunset.raw")
                .contains("latest -> docs/readme.txt").contains("user.author=\"demo\"");
        assertThat(ok("cat", img.toString(), "/latest").rawText()).startsWith("VexFS demo volume");
        assertThat(ok("ls", img.toString(), "-l", "/docs").out()).contains("readme.txt").contains("   2 ");
        assertThat(CliRun.of("demo", img.toString()).exitCode()).isEqualTo(17);
        ok("demo", img.toString(), "--force");
    }
}
