package io.vexfs.core.crash;

import io.vexfs.api.VexfsException;
import io.vexfs.core.FileHandle;
import io.vexfs.core.OpenMode;
import io.vexfs.core.Volume;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * The crash tests' operation alphabet. Each operation picks its target deterministically from the
 * model and a salt (so a sequence of operations is reproducible), applies it to the volume and the
 * model alike, and says whether it is a durability point (an acknowledgement).
 */
enum WorkloadOp {
    CREATE {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            String p = firstCreatable(m, FILE_NAMES, salt);
            if (p != null) {
                try (FileHandle h = v.open(p, new OpenMode(false, true, false, true, true, false, true, 0644, false))) {
                    m.create(p);
                }
            }
            return false;
        }
    },
    WRITE {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            String p = files.isEmpty() ? firstCreatable(m, FILE_NAMES, salt) : pick(files, salt);
            if (p == null) {
                return false;
            }
            byte[] data = pattern(5000, salt);
            long off = Math.floorMod(salt, 3) * 1500L;
            try (FileHandle h = v.open(p, OpenMode.readWriteCreate())) {
                h.write(ByteBuffer.wrap(data), off);
            }
            if (!m.exists(p)) {
                m.create(p);
            }
            m.write(p, off, data);
            return false;
        }
    },
    APPEND {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            if (files.isEmpty()) {
                return false;
            }
            String p = pick(files, salt);
            byte[] data = pattern(3000, salt);
            try (FileHandle h = v.open(p, new OpenMode(false, true, true, false, false, false, true, 0644, false))) {
                h.write(ByteBuffer.wrap(data), 0);
            }
            m.write(p, m.size(p), data);
            return false;
        }
    },
    TRUNCATE {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            if (files.isEmpty()) {
                return false;
            }
            String p = pick(files, salt);
            long size = m.size(p) > 0 ? m.size(p) / 3 : 9000;
            try (FileHandle h = v.open(p, OpenMode.readWriteCreate())) {
                h.truncate(size);
            }
            m.truncate(p, size);
            return false;
        }
    },
    RENAME {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> sources = m.allPaths();
            sources.remove("/");
            if (sources.isEmpty()) {
                return false;
            }
            String from = pick(sources, salt);
            for (String to : RENAME_TARGETS) {
                boolean inside = to.startsWith(from + "/");
                boolean replaceable = m.isFile(from) ? m.isFile(to) : m.isEmptyDir(to) && !to.equals(from);
                if (!inside && !to.equals(from) && m.isDir(ModelFs.parentOf(to))
                        && (!m.exists(to) || replaceable)) {
                    v.rename(from, to, false);
                    m.rename(from, to);
                    return false;
                }
            }
            return false;
        }
    },
    LINK {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            String to = firstCreatable(m, FILE_NAMES, salt + 1);
            if (files.isEmpty() || to == null) {
                return false;
            }
            String from = pick(files, salt);
            v.link(from, to);
            m.link(from, to);
            return false;
        }
    },
    UNLINK {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            if (files.isEmpty()) {
                return false;
            }
            String p = pick(files, salt);
            v.unlink(p);
            m.unlink(p);
            return false;
        }
    },
    MKDIR {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            String p = firstCreatable(m, DIR_NAMES, salt);
            if (p != null) {
                v.mkdir(p, 0755);
                m.mkdir(p);
            }
            return false;
        }
    },
    RMDIR {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            for (String p : m.allPaths().reversed()) {
                if (!p.equals("/") && m.isEmptyDir(p)) {
                    v.rmdir(p);
                    m.rmdir(p);
                    return false;
                }
            }
            return false;
        }
    },
    SETXATTR {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            String p = pick(m.allPaths(), salt);
            // alternate between a value that fits inline and one that needs the overflow block (so the
            // overflow block is allocated and freed again)
            byte[] value = pattern((salt & 1) == 0 ? 300 : 12, salt);
            String name = "user.k";
            v.setXattr(p, false, name, value);
            m.setXattr(p, name, value);
            return false;
        }
    },
    SETVECTOR {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            if (files.isEmpty()) {
                return false;
            }
            String p = pick(files, salt);
            float[] vec = {salt, salt * 0.5f, -salt, 1.25f};
            v.setVector(p, SPACE, vec);
            m.setXattr(p, VECTOR_XATTR, vectorBytes(vec));
            return false;
        }
    },
    FORCE_FILE {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            List<String> files = m.files();
            if (files.isEmpty()) {
                v.sync();
                return true;
            }
            try (FileHandle h = v.open(pick(files, salt), OpenMode.readWriteCreate())) {
                h.force(true);
            }
            return true;
        }
    },
    SYNC {
        @Override
        boolean apply(Volume v, ModelFs m, int salt) throws VexfsException {
            v.sync();
            return true;
        }
    };

    static final List<String> FILE_NAMES = List.of("/a", "/b", "/d/c", "/d/f/h", "/e/g");
    static final List<String> DIR_NAMES = List.of("/d", "/e", "/d/f");
    static final List<String> RENAME_TARGETS = List.of("/m", "/b", "/d/c", "/e/n", "/a", "/d/f/o", "/e");

    /** Applies the operation to volume and model; true if it made everything before it durable. */
    abstract boolean apply(Volume v, ModelFs m, int salt) throws VexfsException;

    /** The vector space every crash workload's base volume declares. */
    static final String SPACE = "s";
    /** How the model (and the tree image) records a file's vector in {@link #SPACE}. */
    static final String VECTOR_XATTR = "vexfs.vector." + SPACE;

    static byte[] vectorBytes(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static String pick(List<String> from, int salt) {
        return from.get(Math.floorMod(salt * 7 + 3, from.size()));
    }

    static String firstCreatable(ModelFs m, List<String> names, int salt) {
        for (int i = 0; i < names.size(); i++) {
            String p = names.get(Math.floorMod(salt + i, names.size()));
            if (m.canCreate(p)) {
                return p;
            }
        }
        return null;
    }

    static byte[] pattern(int len, int salt) {
        byte[] b = new byte[len];
        new Random(salt * 1_000_003L + len).nextBytes(b);
        return b;
    }
}
