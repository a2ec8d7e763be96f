package io.vexfs.cli;

import java.io.PrintWriter;

/**
 * A status line on stderr redrawn in place (carriage return), at most ten times a second; a no-op when disabled,
 * so piped and captured output stays clean.
 */
final class ProgressLine {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private long lastDrawn = Long.MIN_VALUE / 2;
    private int lastWidth;

    ProgressLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Whether stderr is likely a terminal (the JVM has a console). */
    static boolean interactive() {
        return System.console() != null && System.console().isTerminal();
    }

    boolean enabled() {
        return enabled;
    }

    /** Draws {@code text} unless the previous draw was less than 100 ms ago. */
    void show(String text) {
        long now = System.nanoTime();
        if (enabled && now - lastDrawn >= MIN_INTERVAL_NANOS) {
            draw(text);
            lastDrawn = now;
        }
    }

    /** Draws {@code text} now. */
    void draw(String text) {
        if (!enabled) {
            return;
        }
        String pad = text.length() < lastWidth ? " ".repeat(lastWidth - text.length()) : "";
        err.print("\r" + text + pad);
        err.flush();
        lastWidth = text.length();
    }

    /** Erases the line. */
    void clear() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
