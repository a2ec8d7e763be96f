package io.vexfs.core.fuzz;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.DirCursor;
import io.vexfs.core.DirEntry;
import io.vexfs.core.FileHandle;
import io.vexfs.core.FileType;
import io.vexfs.core.OpenMode;
import io.vexfs.core.VolumeOptions;
import io.vexfs.core.device.MemoryBlockDevice;
import io.vexfs.core.engine.VolumeEngine;
import io.vexfs.core.fsck.Fsck;
import io.vexfs.core.fsck.FsckProblem;
import io.vexfs.core.fsck.FsckReport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What any image, however corrupt or hostile, must get: open succeeds or fails with a
 * VexfsException of EUCLEAN / EBADMSG / EIO / EINVAL (EROFS for unknown read-only features); a full
 * tree walk (readdir, stat, read, readlink, xattrs) and fsck finish with results or VexfsExceptions;
 * no unchecked exception anywhere, also not one the engine's safety net wrapped into EUCLEAN.
 */
final class ImageContract {
    static final Set<VexfsError> OPEN_ERRORS = EnumSet.of(VexfsError.EUCLEAN, VexfsError.EBADMSG, VexfsError.EIO,
            VexfsError.EINVAL, VexfsError.EROFS);
    static final int MAX_NODES = 600;
    private static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    private ImageContract() {
    }

    static void check(MemoryBlockDevice image, boolean writable) {
        long t0 = THREAD_CPU.getCurrentThreadCpuTime();
        VolumeEngine v;
        try {
            v = VolumeEngine.open(FuzzImages.NAME, image,
                    VolumeOptions.defaults().withReadOnly(!writable).withCaches(1 << 20, 256));
        } catch (VexfsException e) {
            requireClean(e);
            if (!OPEN_ERRORS.contains(e.error())) {
                throw new AssertionError("open failed with " + e.error() + ": " + e.getMessage(), e);
            }
            return;
        }
        try {
            walk(v);
            if (writable) {
                try {
                    v.mkdir("/fuzz-new", 0755);
                    v.sync();
                } catch (VexfsException e) {
                    requireClean(e);
                }
            }
        } finally {
            try {
                v.close();
            } catch (VexfsException e) {
                requireClean(e);
            }
        }
        FsckReport r = Fsck.check(FuzzImages.NAME, image, false, x -> { });
        for (FsckProblem p : r.problems()) {
            if (p.what().startsWith("internal check failure") || p.what().startsWith("cannot open: java")) {
                throw new AssertionError("fsck hit an unchecked exception: " + p);
            }
        }
        // while fuzzing, an input that costs more than a second of CPU is a hang (CPU time, not wall
        // time: the fuzzing machine is shared; the first inputs also pay for class loading and JIT)
        long cpu = THREAD_CPU.getCurrentThreadCpuTime() - t0;
        if (System.getenv("JAZZER_FUZZ") != null && EXECUTIONS.incrementAndGet() > 2000 && cpu > 1_000_000_000L) {
            throw new AssertionError("one input took " + cpu / 1_000_000 + " ms of CPU (hang)");
        }
    }

    /** A VexfsException is fine unless it merely wraps an unchecked exception (a missing bounds check). */
    static void requireClean(VexfsException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RuntimeException || c instanceof Error) {
                throw new AssertionError("unchecked exception behind " + e.error() + ": " + c, c);
            }
        }
    }

    private static void walk(VolumeEngine v) {
        Deque<String> dirs = new ArrayDeque<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        dirs.add("/");
        int nodes = 0;
        int duplicates = 0;
        while (!dirs.isEmpty() && nodes < MAX_NODES) {
            String d = dirs.poll();
            DirCursor after = null;
            for (int pages = 0; pages < 50 && nodes < MAX_NODES; pages++) {
                List<DirEntry> page;
                try {
                    page = v.readdir(d, after, 64);
                } catch (VexfsException e) {
                    requireClean(e);
                    break;
                }
                if (page.isEmpty()) {
                    break;
                }
                for (DirEntry e : page) {
                    nodes++;
                    String p = (d.equals("/") ? "/" : d + "/") + e.name();
                    if (seen.add(e.inode())) {
                        visit(v, p, e.type(), dirs);
                    } else if (++duplicates <= 4) {
                        try {
                            v.stat(p, false);
                        } catch (VexfsException x) {
                            requireClean(x);
                        }
                    }
                    after = e.cursor();
                }
            }
        }
    }

    private static void visit(VolumeEngine v, String p, FileType type, Deque<String> dirs) {
        try {
            v.stat(p, false);
            for (String x : v.listXattrs(p, false)) {
                v.getXattr(p, false, x);
            }
            switch (type) {
                case DIRECTORY -> dirs.add(p);
                case SYMLINK -> v.readlink(p);
                case REGULAR -> {
                    try (FileHandle h = v.open(p, OpenMode.readOnly())) {
                        ByteBuffer b = ByteBuffer.allocate(16 * 1024);
                        long pos = 0;
                        for (int i = 0; i < 8; i++) {
                            b.clear();
                            int n = h.read(b, pos);
                            if (n <= 0) {
                                break;
                            }
                            pos += n;
                        }
                        h.read(ByteBuffer.allocate(4096), Math.max(0, h.size() - 100));
                    }
                }
            }
        } catch (VexfsException e) {
            requireClean(e);
        }
    }
}
