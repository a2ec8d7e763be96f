package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;

import java.io.PrintWriter;
import java.util.List;

/** Prints a directory tree like {@code tree -s}: sizes, symlink targets, hard-link counts. */
final class TreePrinter {
    private final Volume volume;
    private final PrintWriter out;
    private long directories;
    private long files;

    TreePrinter(Volume volume, PrintWriter out) {
        this.volume = volume;
        this.out = out;
    }

    /** Prints the tree under {@code root} and a summary line. */
    void print(String root) throws VexfsException {
        out.println(root);
        walk(root, "");
        out.println();
        out.println(directories + (directories == 1 ? " directory, " : " directories, ") + files
                + (files == 1 ? " file" : " files"));
    }

    private void walk(String dir, String indent) throws VexfsException {
        List<DirEntry> entries = DirListing.sorted(volume, dir);
        for (int i = 0; i < entries.size(); i++) {
            DirEntry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            String child = VolumePaths.child(dir, e.name());
            FileStat st = volume.stat(child, false);
            out.println(indent + (last ? "└── " : "├── ") + describe(child, e.name(), st));
            if (st.isDirectory()) {
                directories++;
                walk(child, indent + (last ? "    " : "│   "));
            } else {
                files++;
            }
        }
    }

    private String describe(String path, String name, FileStat st) throws VexfsException {
        String size = String.format("[%9s]  ", st.isDirectory() ? "" : Formats.bytes(st.size()));
        return switch (st.type()) {
            case DIRECTORY -> size + name + "/";
            case SYMLINK -> size + name + " -> " + volume.readlink(path);
            case REGULAR -> size + name + (st.nlink() > 1 ? "  (" + st.nlink() + " links, inode " + st.inode() + ")" : "");
        };
    }
}
