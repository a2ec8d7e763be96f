package io.vexfs.nio;

import java.nio.file.attribute.GroupPrincipal;

/**
 * A group of a VexFS volume: a numeric gid, with a name when one is known.
 *
 * @param gid  numeric group id
 * @param name group name, the decimal gid when no name is known
 */
record VexfsGroup(int gid, String name) implements GroupPrincipal {
    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
