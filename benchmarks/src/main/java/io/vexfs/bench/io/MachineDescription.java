package io.vexfs.bench.io;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the numbers were measured on: CPU, cores, memory, OS, JDK and the file system of the scratch directory. */
final class MachineDescription {
    private MachineDescription() {
    }

    static List<String> lines(Path scratch) throws IOException {
        FileStore store = Files.getFileStore(scratch);
        long memory = memoryBytes();
        return List.of(
            "cpu:    " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM",
            "memory: " + (memory > 0 ? String.format(Locale.ROOT, "%.1f GiB", memory / (double) (1L << 30)) : "unknown")
                + " physical, JVM max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB",
            "os:     " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            "jdk:    " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version(),
            "disk:   " + scratch + " on " + store.type() + " (" + store.name() + "), "
                + (store.getUsableSpace() >> 30) + " GiB free");
    }

    private static String cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }

    private static long memoryBytes() throws IOException {
        Path info = Path.of("/proc/meminfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        }
        return -1;
    }
}
