package io.vexfs.cli;

import io.vexfs.api.FormatFeatures;

import java.util.ArrayList;
import java.util.List;

/** Names of the superblock feature bits, as {@code info} prints them; unknown bits show in hex. */
final class FeatureNames {
    private FeatureNames() {
    }

    static List<String> compat(long bits) {
        return names(bits, new long[] {FormatFeatures.COMPAT_BACKUP_SUPERBLOCK, FormatFeatures.COMPAT_DIR_FILETYPE},
                new String[] {"backup_superblock", "dir_filetype"});
    }

    static List<String> incompat(long bits) {
        return names(bits, new long[] {FormatFeatures.INCOMPAT_EXTENTS, FormatFeatures.INCOMPAT_HASHED_DIRS,
                    FormatFeatures.INCOMPAT_JOURNAL, FormatFeatures.INCOMPAT_VECTORS},
                new String[] {"extents", "hashed_dirs", "journal", "vectors"});
    }

    static List<String> roCompat(long bits) {
        return names(bits, new long[] {FormatFeatures.RO_COMPAT_METADATA_CSUM, FormatFeatures.RO_COMPAT_HUGE_FILE,
                    FormatFeatures.RO_COMPAT_VECTOR_GRAPH},
                new String[] {"metadata_csum", "huge_file", "vector_graph"});
    }

    private static List<String> names(long bits, long[] masks, String[] names) {
        List<String> out = new ArrayList<>();
        long rest = bits;
        for (int i = 0; i < masks.length; i++) {
            if ((bits & masks[i]) != 0) {
                out.add(names[i]);
                rest &= ~masks[i];
            }
        }
        if (rest != 0) {
            out.add("unknown(0x" + Long.toHexString(rest) + ")");
        }
        return out;
    }
}
