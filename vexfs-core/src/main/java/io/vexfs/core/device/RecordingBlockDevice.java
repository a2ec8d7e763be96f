package io.vexfs.core.device;

import io.vexfs.api.VexfsException;

import java.util.ArrayList;
import java.util.List;

/**
 * A block device that logs every write (per block, with a copy of the bytes), every completed force
 * and workload markers, and passes everything to the device it wraps. The log is the input of crash
 * simulation: the durable image after force {@code k} is the base image plus every write before it;
 * anything written after it may or may not have reached the medium. The device is fixed-size, so
 * there is no truncate to record.
 */
public final class RecordingBlockDevice implements BlockDevice {
    private final BlockDevice inner;
    private final List<DeviceEvent> log = new ArrayList<>();
    private volatile boolean recording = true;

    public RecordingBlockDevice(BlockDevice inner) {
        this.inner = inner;
    }

    /** Events so far (a copy). */
    public synchronized List<DeviceEvent> events() {
        return new ArrayList<>(log);
    }

    /** Number of events so far. */
    public synchronized int size() {
        return log.size();
    }

    /** Places a marker in the log (an operation boundary, an acknowledgement). */
    public synchronized void mark(String label, long value) {
        if (recording) {
            log.add(new DeviceEvent.Marker(label, value));
        }
    }

    /** Turns recording on or off (writes still pass through). */
    public void setRecording(boolean on) {
        recording = on;
    }

    @Override
    public long blockCount() {
        return inner.blockCount();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) throws VexfsException {
        inner.read(offset, dst, dstOff, len);
    }

    @Override
    public void write(long firstBlock, byte[][] blocks) throws VexfsException {
        synchronized (this) {
            inner.write(firstBlock, blocks);
            if (recording) {
                for (int i = 0; i < blocks.length; i++) {
                    log.add(new DeviceEvent.Write(firstBlock + i, blocks[i].clone()));
                }
            }
        }
    }

    @Override
    public void force() throws VexfsException {
        inner.force();
        synchronized (this) {
            if (recording) {
                log.add(new DeviceEvent.Force());
            }
        }
    }

    @Override
    public void close() throws VexfsException {
        inner.close();
    }
}
