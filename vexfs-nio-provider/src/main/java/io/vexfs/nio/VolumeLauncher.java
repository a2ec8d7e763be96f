package io.vexfs.nio;

import io.vexfs.api.VexfsException;
import io.vexfs.core.MkfsOptions;
import io.vexfs.core.Volume;
import io.vexfs.core.VolumeOptions;

import java.nio.file.Path;

/** How the provider makes and opens volumes: the core by default, a substitute in tests. */
interface VolumeLauncher {

    void mkfs(Path image, MkfsOptions options) throws VexfsException;

    Volume open(Path image, VolumeOptions options) throws VexfsException;

    /** The core engine. */
    VolumeLauncher CORE = new VolumeLauncher() {
        @Override
        public void mkfs(Path image, MkfsOptions options) throws VexfsException {
            Volume.mkfs(image, options);
        }

        @Override
        public Volume open(Path image, VolumeOptions options) throws VexfsException {
            return Volume.open(image, options);
        }
    };
}
