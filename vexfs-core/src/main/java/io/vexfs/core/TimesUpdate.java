package io.vexfs.core;

/**
 * New times for {@link Volume#setTimes}; a null component is left unchanged. Nanoseconds since the epoch.
 *
 * @param mtimeNanos modification time
 * @param atimeNanos access time
 * @param crtimeNanos creation time
 */
public record TimesUpdate(Long mtimeNanos, Long atimeNanos, Long crtimeNanos) {
}
