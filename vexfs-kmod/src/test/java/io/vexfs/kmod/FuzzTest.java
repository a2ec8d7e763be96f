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

    /**
     * Span records: u32 total blocks, then {u32 block, u16 offset, u16 length, bytes} for each run of
     * non-zero bytes of a block (runs split at 32 or more zero bytes): compact fuzz inputs.
     */
    static byte[] records(byte[] img) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(img.length / 4096).array());
        for (int b = 0; b < img.length / 4096; b++) {
            int base = b * 4096;
            int i = 0;
            while (i < 4096) {
                while (i < 4096 && img[base + i] == 0) {
                    i++;
                }
                if (i == 4096) {
                    break;
                }
                int start = i;
                int end = i; // exclusive end of the non-zero run, extended over short zero gaps
                int zeros = 0;
                for (; i < 4096 && zeros < 32; i++) {
                    if (img[base + i] == 0) {
                        zeros++;
                    } else {
                        zeros = 0;
                        end = i + 1;
                    }
                }
                i = end;
                o.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(b).putShort((short) start)
                        .putShort((short) (end - start)).array());
                o.write(img, base + start, end - start);
            }
        }
        return o.toByteArray();
    }

    @Test
    void boundedFuzzRunFindsNoCrash() throws Exception {
        // compact 2 MiB images: small inputs, fast executions
        Map<String, Images.Made> imgs = Images.make(tmp, 1L << 20, true, 2L << 20);
        Path seeds = Files.createDirectories(tmp.resolve("seeds"));
        for (String n : new String[] {"empty", "links", "xattrs", "sparse", "deep", "dirty", "dirty-data", "names",
            "vectors"}) {
            byte[] img = Files.readAllBytes(imgs.get(n).image());
            if (!n.startsWith("dirty")) {
                // clean images: the journal log (old transactions, never replayed) is half of the
                // non-zero blocks; zero it (keep the header) for smaller, faster inputs
                ByteBuffer sb = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
                long jstart = sb.getLong(200 + 8);
                long jlen = sb.getLong(200 + 16);
                java.util.Arrays.fill(img, (int) ((jstart + 1) * 4096), (int) ((jstart + jlen) * 4096), (byte) 0);
            }
            Files.write(seeds.resolve(n + ".rec"), records(img));
        }
        Path base = seeds.resolve("vectors.rec");
        Path script = Proc.moduleDir().resolve("fuzz/run-fuzz.sh");
        String secs = System.getenv().getOrDefault("FUZZ_SECONDS", "25");
        Proc.Result r = Proc.run(tmp, 600 + 3L * Long.parseLong(secs), "env", "FUZZ_SECONDS=" + secs, "bash",
                script.toString(), tmp.resolve("out").toString(), seeds.toString(), base.toString());
        System.out.println(r.output());
        assertThat(r.exit()).as("fuzzing failed:\n%s", r.output()).isZero();
        assertThat(r.output()).contains("FUZZ-OK").containsPattern("fuzz_raw: rc=0 executions=[1-9]")
                .containsPattern("fuzz_struct: rc=0 executions=[1-9]");
        Path keep = Path.of("target/fuzz-logs");
        Files.createDirectories(keep);
        Files.writeString(keep.resolve("run-fuzz.out"), r.output());
        Path keptSeeds = Files.createDirectories(keep.resolve("seeds")); // for manual runs of run-fuzz.sh
        try (var files = Files.list(seeds)) {
            for (Path f : files.toList()) {
                Files.copy(f, keptSeeds.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
