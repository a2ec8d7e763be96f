package io.vexfs.cli;

import io.vexfs.api.VexfsException;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileStat;
import io.vexfs.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code vexfs ls IMAGE [PATH] [-l] [-R]}: lists directory contents, sorted by name. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List a directory (or show one file) inside a volume, sorted by name.")
final class LsCommand extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Volume image.")
    Path image;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "Path in the volume (default /).")
    String path;

    @Option(names = "-l", description = "Long format: mode, links, owner, group, size, mtime, name (-> target).")
    boolean longFormat;

    @Option(names = "-R", description = "List subdirectories recursively.")
    boolean recursive;

    @Option(names = {"-a", "--all"}, description = "Accepted for familiarity; every entry is always listed.")
    boolean all;

    @Option(names = "--json", description = "Print a JSON array of entries (full paths and attributes).")
    boolean json;

    @Override
    public Integer call() throws VexfsException {
        String p = VolumePaths.normalize(path);
        try (Volume v = open(image, true)) {
            FileStat st = v.stat(p, true);
            if (json) {
                List<Object> entries = new ArrayList<>();
                if (st.isDirectory()) {
                    collect(v, p, entries);
                } else {
                    entries.add(entryJson(v, p, v.stat(p, false)));
                }
                out().println(Json.write(entries));
            } else if (!st.isDirectory()) {
                printEntry(out(), v, p, p, v.stat(p, false));
            } else {
                list(v, p, false);
            }
        }
        return 0;
    }

    private void list(Volume v, String dir, boolean header) throws VexfsException {
        PrintWriter o = out();
        List<DirEntry> entries = DirListing.sorted(v, dir);
        if (header) {
            o.println();
            o.println(dir + ":");
        } else if (recursive) {
            o.println(dir + ":");
        }
        if (longFormat) {
            o.println("total " + entries.size());
        }
        List<String> subdirs = new ArrayList<>();
        for (DirEntry e : entries) {
            String child = VolumePaths.child(dir, e.name());
            printEntry(o, v, child, e.name(), longFormat ? v.stat(child, false) : null);
            if (e.type() == io.vexfs.core.FileType.DIRECTORY) {
                subdirs.add(child);
            }
        }
        if (recursive) {
            for (String d : subdirs) {
                list(v, d, true);
            }
        }
    }

    private void printEntry(PrintWriter o, Volume v, String fullPath, String shown, FileStat st) throws VexfsException {
        if (!longFormat) {
            o.println(shown);
            return;
        }
        if (st == null) {
            st = v.stat(fullPath, false);
        }
        String name = st.isSymlink() ? shown + " -> " + v.readlink(fullPath) : shown;
        o.printf("%s %3d %5d %5d %12d %s %s%n", Formats.mode(st.type(), st.permissions()), st.nlink(), st.uid(),
                st.gid(), st.size(), Formats.localMinutes(st.mtimeNanos()), name);
    }

    private void collect(Volume v, String dir, List<Object> into) throws VexfsException {
        for (DirEntry e : DirListing.sorted(v, dir)) {
            String child = VolumePaths.child(dir, e.name());
            FileStat st = v.stat(child, false);
            into.add(entryJson(v, child, st));
            if (recursive && st.isDirectory()) {
                collect(v, child, into);
            }
        }
    }

    private static Map<String, Object> entryJson(Volume v, String p, FileStat st) throws VexfsException {
        Map<String, Object> m = Json.object("path", p, "name", VolumePaths.name(p),
                "type", st.type().name().toLowerCase(java.util.Locale.ROOT), "inode", st.inode(),
                "mode", String.format("%04o", st.permissions()), "nlink", st.nlink(), "uid", st.uid(),
                "gid", st.gid(), "size", st.size(), "blocks", st.blocks(), "mtime", Formats.iso(st.mtimeNanos()));
        if (st.isSymlink()) {
            m.put("target", v.readlink(p));
        }
        return m;
    }
}
