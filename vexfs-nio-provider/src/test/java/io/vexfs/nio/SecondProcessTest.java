package io.vexfs.nio;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second process cannot open a volume for writing while this one has it open (the core locks the image). */
class SecondProcessTest {
    @TempDir
    Path tmp;

    private static String runProbe(String uri, boolean readOnly) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenVolumeProbe.class.getName(), uri, Boolean.toString(readOnly)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void secondWriterProcessGetsAClearError() throws Exception {
        Assumptions.assumeFalse(TestVolumes.inMemory(), "the in-memory test volume lives in one JVM");
        try (FileSystem fs = TestVolumes.create(tmp, "locked.vexfs")) {
            String uri = TestVolumes.volumeUri(tmp.resolve("locked.vexfs")).toString();
            String out = runProbe(uri, false);
            assertThat(out).contains("FAILED java.nio.file.FileSystemException").contains("EBUSY")
                    .contains("locked.vexfs");
            assertThat(fs.isOpen()).isTrue();
        }
        String uri = TestVolumes.volumeUri(tmp.resolve("locked.vexfs")).toString();
        assertThat(runProbe(uri, false)).contains("OPENED false");
    }
}
