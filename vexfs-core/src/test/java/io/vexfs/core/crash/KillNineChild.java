package io.vexfs.core.crash;

import io.vexfs.core.VolumeOptions;
import io.vexfs.core.engine.VolumeEngine;

import java.nio.file.Path;
import java.util.List;

/**
 * The child side of {@link KillNineTest}: runs the seeded workload on an image file and prints
 * {@code ACK n} once the first {@code n} operations are durable. Arguments: image path, seed, count.
 */
public final class KillNineChild {
    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        List<WorkloadOp> ops = KillNineTest.workload(seed, count);
        ModelFs model = RecordedRun.standardBase().model();
        VolumeEngine v = VolumeEngine.open(image, VolumeOptions.defaults());
        System.out.println("OPEN");
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).apply(v, model, KillNineTest.salt(seed, i))) {
                System.out.println("ACK " + (i + 1));
            }
        }
        v.close();
        System.out.println("ACK " + ops.size());
        System.out.println("DONE");
    }
}
