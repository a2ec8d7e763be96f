package io.vexfs.cli;

import io.vexfs.api.FormatFeatures;
import picocli.CommandLine.IVersionProvider;

/** Reports the tool version, the on-disk format version it writes and the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VexfsCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "vexfs " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (on-disk format " + FormatFeatures.FORMAT_VERSION + ")",
            "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version(),
        };
    }
}
