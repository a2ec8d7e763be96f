package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.Volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a whole directory through readdir paging and orders it by name for people. */
final class DirListing {
    private static final int PAGE = 1024;

    private DirListing() {
    }

    static List<DirEntry> sorted(Volume volume, String dir) throws VexfsException {
        List<DirEntry> all = new ArrayList<>();
        DirCursor cursor = null;
        while (true) {
            List<DirEntry> page = volume.readdir(dir, cursor, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            cursor = page.getLast().cursor();
        }
        all.sort(Comparator.comparing(DirEntry::name));
        return all;
    }
}
