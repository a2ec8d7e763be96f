package io.vexfs.kmod;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the userspace tools of vexfs-kmod. */
final class Tools {
    private Tools() {
    }

    static Path buildInspect(Path out) throws Exception {
        Path tools = Proc.moduleDir().resolve("tools");
        Proc.Result r = Proc.run(tools, 300, "make", "-s", "OUT=" + out, out.resolve("vexfs-inspect").toString());
        assertThat(r.exit()).as("building vexfs-inspect:\n%s", r.output()).isZero();
        Path bin = out.resolve("vexfs-inspect");
        assertThat(Files.isExecutable(bin)).isTrue();
        return bin;
    }
}
