package io.vexfs.cli;

import io.vexfs.api.FormatFeatures;
import io.vexfs.api.VexfsException;
import io.vexfs.api.VexfsStats;
import io.vexfs.core.Volume;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.Region;
import io.vexfs.core.format.Superblock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vexfs info IMAGE}: superblock facts and space usage. Never modifies the image. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show label, uuid, format features, clean/dirty state, regions and space usage of a volume.")
final class InfoCommand extends VolumeCommand {
    private static final String[] REGION_NAMES = {"journal", "block bitmap", "inode bitmap", "inode table", "data"};

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws VexfsException {
        Superblock sb = SuperblockReader.read(image);
        String state = stateOf(sb);
        try (Volume v = open(image, true)) {
            VexfsStats s = v.statfs();
            if (json) {
                out().println(Json.write(asJson(sb, state, v, s)));
            } else {
                print(out(), sb, state, v, s);
            }
        }
        return 0;
    }

    private static String stateOf(Superblock sb) {
        if ((sb.state & FormatStructs.STATE_ERROR) != 0) {
            return "error";
        }
        return sb.isClean() ? "clean" : "dirty";
    }

    private static String stateExplained(String state) {
        return switch (state) {
            case "clean" -> "clean (closed cleanly; nothing to replay)";
            case "dirty" -> "dirty (open elsewhere or not closed cleanly; the journal is replayed on the next open)";
            default -> "error (an I/O error took the volume out of service; run fsck)";
        };
    }

    private void print(PrintWriter o, Superblock sb, String state, Volume v, VexfsStats s) {
        String fmt = "%-14s %s%n";
        o.printf(fmt, "image:", image);
        o.printf(fmt, "label:", v.label().isEmpty() ? "(none)" : v.label());
        o.printf(fmt, "uuid:", v.uuid());
        o.printf(fmt, "format:", "version " + FormatFeatures.FORMAT_VERSION + ", block size " + s.blockSize()
                + ", inode size " + FormatStructs.INODE_SIZE);
        o.printf(fmt, "features:", "compat " + String.join(",", FeatureNames.compat(sb.featureCompat))
                + "; incompat " + String.join(",", FeatureNames.incompat(sb.featureIncompat))
                + "; ro_compat " + String.join(",", FeatureNames.roCompat(sb.featureRoCompat)));
        o.printf(fmt, "state:", stateExplained(state));
        o.printf(fmt, "created:", Instant.ofEpochSecond(sb.mkfsTime));
        o.printf(fmt, "last written:", Instant.ofEpochSecond(sb.writeTime));
        o.printf(fmt, "mount count:", sb.mountCount);
        long used = s.totalBlocks() - s.freeBlocks();
        o.printf(fmt, "size:", Formats.bytes(s.totalBytes()) + " (" + s.totalBlocks() + " blocks)");
        o.printf(fmt, "used:", Formats.bytes(used * s.blockSize()) + " (" + used + " blocks, "
                + Formats.percent(used, s.totalBlocks()) + ")");
        o.printf(fmt, "free:", Formats.bytes(s.freeBytes()) + " (" + s.freeBlocks() + " blocks)");
        long usedInodes = s.totalInodes() - s.freeInodes();
        o.printf(fmt, "inodes:", s.totalInodes() + " total, " + usedInodes + " used, " + s.freeInodes() + " free");
        o.printf(fmt, "regions:", "");
        for (Region r : sb.regions) {
            if (r != null) {
                o.printf("  %-12s blocks %d..%d (%s)%n", regionName(r.type()), r.start(), r.end() - 1,
                        Formats.bytes(r.length() * FormatStructs.BLOCK_SIZE));
            }
        }
        o.printf(fmt, "vectors:", s.vectorCounts().isEmpty() ? "none" : s.vectorCounts().toString());
    }

    private Map<String, Object> asJson(Superblock sb, String state, Volume v, VexfsStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", image.toString());
        m.put("label", v.label());
        m.put("uuid", v.uuid());
        m.put("formatVersion", FormatFeatures.FORMAT_VERSION);
        m.put("blockSize", s.blockSize());
        m.put("featuresCompat", FeatureNames.compat(sb.featureCompat));
        m.put("featuresIncompat", FeatureNames.incompat(sb.featureIncompat));
        m.put("featuresRoCompat", FeatureNames.roCompat(sb.featureRoCompat));
        m.put("state", state);
        m.put("created", Instant.ofEpochSecond(sb.mkfsTime).toString());
        m.put("lastWritten", Instant.ofEpochSecond(sb.writeTime).toString());
        m.put("mountCount", sb.mountCount);
        m.put("totalBlocks", s.totalBlocks());
        m.put("freeBlocks", s.freeBlocks());
        m.put("totalBytes", s.totalBytes());
        m.put("freeBytes", s.freeBytes());
        m.put("totalInodes", s.totalInodes());
        m.put("freeInodes", s.freeInodes());
        List<Object> regions = new java.util.ArrayList<>();
        for (Region r : sb.regions) {
            if (r != null) {
                regions.add(Json.object("name", regionName(r.type()), "start", r.start(), "blocks", r.length()));
            }
        }
        m.put("regions", regions);
        m.put("vectors", new LinkedHashMap<>(s.vectorCounts()));
        return m;
    }

    private static String regionName(int type) {
        return type >= 1 && type <= REGION_NAMES.length ? REGION_NAMES[type - 1] : "region " + type;
    }
}
