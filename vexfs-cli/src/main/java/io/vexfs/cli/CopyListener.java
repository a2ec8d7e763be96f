package io.vexfs.cli;

/** Told about each object a copy finishes, for progress display and summaries. */
interface CopyListener {
    /** An object (file, directory or symlink) of {@code bytes} content bytes was copied. */
    void copied(String what, long bytes);

    /** An object was skipped (e.g. a device node or socket); {@code why} is a one-line reason. */
    void skipped(String what, String why);

    CopyListener NONE = new CopyListener() {
        @Override
        public void copied(String what, long bytes) {
        }

        @Override
        public void skipped(String what, String why) {
        }
    };
}
