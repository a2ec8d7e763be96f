/** The {@code vexfs} command-line tool: mkfs, info, fsck, ls, cat, put/get, import, rm, mv, mkdir, selftest, demo. */
module io.vexfs.cli {
    requires io.vexfs.core;
    requires info.picocli;

    exports io.vexfs.cli;
    opens io.vexfs.cli to info.picocli;
}
