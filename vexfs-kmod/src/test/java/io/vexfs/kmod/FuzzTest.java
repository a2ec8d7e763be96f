package io.vexfs.kmod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded libFuzzer run (raw + structure-aware harnesses over the C parsing core, ASan + UBSan) seeded
 * from Java-made images; replays fuzz/regressions first. FUZZ_SECONDS (env) sets the time per harness.
 */
class FuzzTest {
    @TempDir
    Path tmp;

    /** Block records: u32 total, then {u32 block, 4096 bytes} for each non-zero block. */
    static byte[] records(byte[] img) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(img.length / 4096);
        o.writeBytes(h.array());
        for (int b = 0; b < img.length / 4096; b++) {
            boolean zero = true;
            for (int i = b * 4096; i < (b + 1) * 4096 && zero; i++) {
                zero = img[i] == 0;
            }
            if (!zero) {
                o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b).array());
                o.write(img, b * 4096, 4096);
            }
        }
        return o.toByteArray();
    }

    @Test
    void boundedFuzzRunFindsNoCrash() throws Exception {
        Map<String, Images.Made> imgs = Images.make(tmp, 1L << 20, true);
        Path seeds = Files.createDirectories(tmp.resolve("seeds"));
        for (String n : new String[] {"empty", "links", "xattrs", "sparse", "deep", "dirty"}) {
            Files.write(seeds.resolve(n + ".rec"), records(Files.readAllBytes(imgs.get(n).image())));
        }
        Path base = seeds.resolve("links.rec");
        Path script = Proc.moduleDir().resolve("fuzz/run-fuzz.sh");
        String secs = System.getenv().getOrDefault("FUZZ_SECONDS", "30");
        Proc.Result r = Proc.run(tmp, 600 + 3L * Long.parseLong(secs), "env", "FUZZ_SECONDS=" + secs, "bash",
                script.toString(), tmp.resolve("out").toString(), seeds.toString(), base.toString());
        System.out.println(r.output());
        assertThat(r.exit()).as("fuzzing failed:\n%s", r.output()).isZero();
        assertThat(r.output()).contains("FUZZ-OK").containsPattern("fuzz_raw: rc=0 executions=[1-9]")
                .containsPattern("fuzz_struct: rc=0 executions=[1-9]");
    }
}
