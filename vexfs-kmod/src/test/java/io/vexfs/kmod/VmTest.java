package io.vexfs.kmod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the Debian 6.1 kernel under qemu (TCG) with vexfs.ko, mounts Java-made images read-only and
 * compares what the kernel shows with the engine's listing; mounts corrupted images and requires
 * clean errors and no BUG/Oops/WARNING in the kernel log. Skipped only with -Dvexfs.vm.skip=true.
 */
class VmTest {
    @TempDir
    Path tmp;

    @Test
    void kernelModuleMountsJavaImagesAndSurvivesCorruptOnes() throws Exception {
        if (Boolean.getBoolean("vexfs.vm.skip")) {
            System.out.println("VmTest skipped by -Dvexfs.vm.skip=true");
            return;
        }
        Path inspect = Tools.buildInspect(tmp);
        Map<String, Images.Made> good = Images.make(tmp, 64L << 20, true);
        Map<String, Path> bad = Corruptions.make(tmp, good);
        List<String> manifest = new ArrayList<>();
        good.forEach((n, m) -> manifest.add("good " + n + " " + m.image()));
        bad.forEach((n, p) -> manifest.add("bad " + n + " " + p));

        // userspace parser on every corrupt image: a clean exit code, never a crash
        for (Map.Entry<String, Path> e : bad.entrySet()) {
            Proc.Result r = Proc.run(tmp, 120, inspect.toString(), e.getValue().toString());
            assertThat(r.exit()).as("vexfs-inspect on corrupt image %s:\n%s", e.getKey(), r.output()).isBetween(0, 3);
        }

        // one boot per 20 disks (virtio-pci slots are limited)
        Path script = Proc.moduleDir().resolve("vm/vm-test.sh");
        StringBuilder log = new StringBuilder();
        long t0 = System.nanoTime();
        for (int boot = 0, from = 0; from < manifest.size(); boot++, from += 20) {
            Path m = tmp.resolve("manifest" + boot);
            Files.write(m, manifest.subList(from, Math.min(manifest.size(), from + 20)));
            Path work = tmp.resolve("vm" + boot);
            Proc.Result vm = Proc.run(tmp, 400, "env", "VEXFS_VM_BUILD=" + tmp.resolve("vmbuild"), "bash",
                    script.toString(), work.toString(), m.toString());
            Path serial = work.resolve("serial.txt");
            String s = Files.exists(serial) ? Files.readString(serial) : "<no serial log>";
            System.out.println(vm.output());
            assertThat(vm.exit()).as("vm-test.sh failed:\n%s\n--- serial ---\n%s", vm.output(), s).isZero();
            log.append(s);
            Path keep = Path.of("target/vm-logs");
            Files.createDirectories(keep);
            Files.writeString(keep.resolve("serial-" + boot + ".txt"), s);
            try (var files = Files.list(work)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".listing")).toList()) {
                    Files.copy(f, tmp.resolve("vm-" + f.getFileName()));
                }
            }
        }
        System.out.printf("VM stage (all boots) took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (Map.Entry<String, Images.Made> e : good.entrySet()) {
            Path listing = tmp.resolve("vm-" + e.getKey() + ".listing");
            assertThat(listing).as("VM listing of %s", e.getKey()).exists();
            assertThat(Files.readString(listing)).as("kernel view of image '%s'", e.getKey())
                    .isEqualTo(e.getValue().expected());
            assertThat(log).contains("=== END " + e.getKey() + " rc=0");
            assertThat(log).containsPattern("=== STATFS " + e.getKey() + " blocks=\\d+ free=\\d+");
        }
        for (String name : bad.keySet()) {
            assertThat(log).as("corrupt image %s handled", name)
                    .containsPattern("=== BAD " + name + " (refused|walk rc=)");
        }
        assertThat(log).doesNotContainPattern("BUG|Oops|WARNING|KASAN|general protection|Call Trace");
    }
}
