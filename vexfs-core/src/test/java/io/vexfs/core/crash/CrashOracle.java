package io.vexfs.core.crash;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a recovered tree is a legal outcome of a crash. Metadata is journaled, so the
 * tree's shape (paths, types, sizes, xattrs, hard links) must equal one model state between the last
 * acknowledged operation and the last started one. File data is written in place before the commit
 * that makes it reachable (ordered mode), so each 4 KiB block of a file must hold that file's bytes
 * from one of those states. Only the file block that lives in the device block whose write was torn
 * may hold anything else (an in-place overwrite in flight); every other byte must be explained.
 */
final class CrashOracle {
    private CrashOracle() {
    }

    /** Null if {@code got} is legal, else why not. */
    static String explain(TreeImage got, List<TreeImage> snaps, int lo, int hi, long tornBlock) {
        String first = null;
        for (int i = lo; i <= hi; i++) {
            String shape = got.shapeDifference(snaps.get(i));
            String why = shape != null ? "shape vs state " + i + ": " + shape : contentDifference(got, snaps, i, lo, hi, tornBlock);
            if (why == null) {
                return null;
            }
            if (first == null || shape == null) {
                first = why;
            }
        }
        return "no model state in [" + lo + ", " + hi + "] explains the recovered tree; " + first;
    }

    private static String contentDifference(TreeImage got, List<TreeImage> snaps, int i, int lo, int hi, long tornBlock) {
        for (Map.Entry<String, TreeImage.Entry> e : got.entries().entrySet()) {
            byte[] content = e.getValue().content();
            if (content == null) {
                continue;
            }
            long node = snaps.get(i).entries().get(e.getKey()).identity();
            for (int off = 0; off < content.length; off += 4096) {
                int len = Math.min(4096, content.length - off);
                long[] phys = e.getValue().physical();
                boolean match = phys != null && tornBlock >= 0 && phys[off / 4096] == tornBlock;
                for (int j = lo; j <= hi; j++) {
                    byte[] v = contentOf(snaps.get(j), node);
                    if (v == null) {
                        continue;
                    }
                    byte[] block = new byte[len];
                    if (off < v.length) {
                        System.arraycopy(v, off, block, 0, Math.min(len, v.length - off));
                    }
                    if (Arrays.equals(block, 0, len, content, off, off + len)) {
                        match = true;
                    }
                }
                if (!match) {
                    return e.getKey() + ": bytes " + off + ".." + (off + len) + " match no version of the file in states ["
                            + lo + ", " + hi + "]";
                }
            }
        }
        return null;
    }

    private static byte[] contentOf(TreeImage snap, long node) {
        for (TreeImage.Entry e : snap.entries().values()) {
            if (e.identity() == node && e.content() != null) {
                return e.content();
            }
        }
        return null;
    }
}
