package io.vexfs.nio;

import java.nio.file.attribute.UserPrincipal;

/**
 * A user of a VexFS volume: a numeric uid, with a name when one is known (root, or the configured user).
 *
 * @param uid  numeric user id
 * @param name user name, the decimal uid when no name is known
 */
record VexfsUser(int uid, String name) implements UserPrincipal {
    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
