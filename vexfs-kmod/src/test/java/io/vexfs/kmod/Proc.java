package io.vexfs.kmod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command, capturing its combined output. */
final class Proc {
    private Proc() {
    }

    /** Result of a finished command. */
    record Result(int exit, String output) {
    }

    static Result run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("<output lost: " + e + ">").getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
                    + "\n" + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    static Result run(Path dir, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        return run(dir, timeoutSeconds, List.of(cmd));
    }

    /** The vexfs-kmod module directory (surefire runs tests with the module as working directory). */
    static Path moduleDir() {
        Path p = Path.of("").toAbsolutePath();
        if (p.resolve("include/vexfs_format.h").toFile().exists() || p.getFileName().toString().equals("vexfs-kmod")) {
            return p;
        }
        return p.resolve("vexfs-kmod");
    }
}
