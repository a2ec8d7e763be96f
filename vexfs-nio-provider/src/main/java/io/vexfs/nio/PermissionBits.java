package io.vexfs.nio;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Conversion between {@link PosixFilePermission} sets and mode bits. */
final class PermissionBits {
    private static final PosixFilePermission[] ORDER = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private PermissionBits() {
    }

    static Set<PosixFilePermission> toSet(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < ORDER.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(ORDER[i]);
            }
        }
        return set;
    }

    static int toBits(Set<?> permissions) {
        int bits = 0;
        for (Object p : permissions) {
            if (!(p instanceof PosixFilePermission perm)) {
                throw new ClassCastException("not a PosixFilePermission: " + p);
            }
            for (int i = 0; i < ORDER.length; i++) {
                if (ORDER[i] == perm) {
                    bits |= 1 << i;
                }
            }
        }
        return bits;
    }
}
