package io.vexfs.core.device;

/**
 * One thing a {@link RecordingBlockDevice} saw, in issue order: a single-block write (multi-block
 * writes are split, since a device may persist them partially), a completed force, or a marker the
 * workload placed (an operation starting, an acknowledgement).
 */
public sealed interface DeviceEvent {

    /** Block {@code block} was written with {@code data} (a private copy). */
    record Write(long block, byte[] data) implements DeviceEvent {
    }

    /** A force returned successfully: every earlier write is durable. */
    record Force() implements DeviceEvent {
    }

    /** A label the workload placed between device operations. */
    record Marker(String label, long value) implements DeviceEvent {
    }
}
