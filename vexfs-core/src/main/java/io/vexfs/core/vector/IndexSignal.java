package io.vexfs.core.vector;

/** A ring slot: "ordinal {@link #ordinal} was appended" (or a wake-up when negative). */
final class IndexSignal {
    int ordinal;
}
