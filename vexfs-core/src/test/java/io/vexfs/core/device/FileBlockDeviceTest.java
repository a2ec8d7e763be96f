package io.vexfs.core.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FileBlockDeviceTest {
    @TempDir
    Path tmp;

    /** Regression: readInto into a buffer whose position is not 0 (found by the kill -9 test). */
    @Test
    void readIntoHonoursTheBufferPosition() throws Exception {
        byte[] image = new byte[64 * 4096];
        new Random(3).nextBytes(image);
        Path p = tmp.resolve("img");
        Files.write(p, image);
        try (FileBlockDevice dev = FileBlockDevice.open(p, true)) {
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer dst = direct ? ByteBuffer.allocateDirect(10_000) : ByteBuffer.allocate(10_000);
                dst.position(8192);
                dev.readInto(5000, dst, 1808);
                assertThat(dst.position()).isEqualTo(10_000);
                byte[] got = new byte[1808];
                dst.get(8192, got);
                byte[] want = new byte[1808];
                System.arraycopy(image, 5000, want, 0, 1808);
                assertThat(got).isEqualTo(want);
            }
        }
    }
}
