package io.vexfs.cli;

import java.util.Locale;

/** A copy progress bar: {@code [#########-----------]  45%  1234/2741 objects  120/266 MiB  85.3 MiB/s}. */
final class ProgressBar implements CopyListener {
    private static final int WIDTH = 28;
    private final ProgressLine line;
    private final long totalObjects;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long objects;
    private long bytes;
    private long skipped;

    ProgressBar(ProgressLine line, long totalObjects, long totalBytes) {
        this.line = line;
        this.totalObjects = totalObjects;
        this.totalBytes = totalBytes;
    }

    @Override
    public void copied(String what, long size) {
        objects++;
        bytes += size;
        line.show(render());
    }

    @Override
    public void skipped(String what, String why) {
        skipped++;
        objects++;
    }

    long objects() {
        return objects;
    }

    long bytes() {
        return bytes;
    }

    long skipped() {
        return skipped;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Draws the final state and ends the line. */
    void finish() {
        line.draw(render());
        line.clear();
    }

    String render() {
        // progress weighs bytes and objects equally, so trees of empty files and single huge files both move
        double fraction = 0.5 * (totalBytes == 0 ? 1 : (double) bytes / totalBytes)
                + 0.5 * (totalObjects == 0 ? 1 : (double) objects / totalObjects);
        fraction = Math.min(1, fraction);
        int filled = (int) Math.round(fraction * WIDTH);
        double mibPerSecond = bytes / 1048576.0 / Math.max(1e-3, seconds());
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d objects  %s/%s  %.1f MiB/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100), objects, totalObjects,
                Formats.bytes(bytes), Formats.bytes(totalBytes), mibPerSecond);
    }
}
