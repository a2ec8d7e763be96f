package io.vexfs.core.crash;

import io.vexfs.api.VexfsException;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.DeviceEvent;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.device.RecordingBlockDevice;
import io.vexfs.core.engine.Mkfs;
import io.vexfs.core.engine.VolumeEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload run on a recording device: the image it started from, the device log (with "op" markers
 * before each operation and "ack" markers after each durability point), and the model state after
 * every operation ({@code snapshots.get(i)} = after the first {@code i} operations).
 */
record RecordedRun(MemoryBlockDevice base, List<DeviceEvent> events, List<TreeImage> snapshots, List<String> ops) {
    static final Path NAME = Path.of("crash.vexfs");
    static final long BLOCKS = 2048;

    /** A small formatted volume with a few files, directories and xattrs, closed cleanly. */
    record Base(MemoryBlockDevice image, ModelFs model) {
    }

    static Base standardBase() throws VexfsException {
        MemoryBlockDevice dev = new MemoryBlockDevice(BLOCKS);
        Mkfs.format(dev, MkfsOptions.ofSize(BLOCKS * 4096));
        ModelFs m = new ModelFs();
        try (VolumeEngine v = VolumeEngine.open(NAME, dev, VolumeOptions.defaults())) {
            v.createVectorSpace(new io.vexfs.api.VectorSpec(WorkloadOp.SPACE, 4, io.vexfs.api.VectorMetric.L2));
            WorkloadOp.WRITE.apply(v, m, 0);      // /a, 5000 bytes
            WorkloadOp.MKDIR.apply(v, m, 0);      // /d
            WorkloadOp.SETXATTR.apply(v, m, 2);   // a large xattr somewhere
            WorkloadOp.CREATE.apply(v, m, 2);     // /d/c
        }
        return new Base(dev, m);
    }

    /** Runs {@code ops} (salted by position plus {@code saltBase}) from {@code base}, then closes the volume. */
    static RecordedRun record(Base base, List<WorkloadOp> ops, int saltBase) throws VexfsException {
        MemoryBlockDevice dev = base.image().copy(false);
        RecordingBlockDevice rec = new RecordingBlockDevice(dev);
        ModelFs m = base.model().copy();
        List<TreeImage> snaps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        snaps.add(m.image());
        VolumeEngine v = VolumeEngine.open(NAME, rec, VolumeOptions.defaults());
        for (int i = 0; i < ops.size(); i++) {
            rec.mark("op", i);
            boolean ack = ops.get(i).apply(v, m, saltBase + i);
            names.add(ops.get(i).name());
            snaps.add(m.image());
            if (ack) {
                rec.mark("ack", i + 1);
            }
        }
        v.close();
        rec.mark("ack", ops.size());
        return new RecordedRun(base.image(), rec.events(), snaps, names);
    }
}
