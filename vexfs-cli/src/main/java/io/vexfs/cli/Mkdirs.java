package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;

import java.util.Optional;

/** {@code mkdir -p}: creates a directory and its missing parents; existing directories are fine. */
final class Mkdirs {
    private Mkdirs() {
    }

    static void create(Volume volume, String path, int permissions) throws VexfsException {
        if (path.equals("/")) {
            return;
        }
        Optional<FileStat> st = volume.tryStat(path, true);
        if (st.isPresent()) {
            if (!st.get().isDirectory()) {
                throw new VexfsException(VexfsError.ENOTDIR, path + ": exists and is not a directory");
            }
            return;
        }
        create(volume, VolumePaths.parent(path), permissions);
        try {
            volume.mkdir(path, permissions);
        } catch (VexfsException e) {
            if (e.error() != VexfsError.EEXIST || !volume.stat(path, true).isDirectory()) {
                throw e;
            }
        }
    }
}
