package io.vexfs.bench.nio;

import java.io.Closeable;
import java.io.IOException;

/** The file operations the provider benchmark times, on one target (a file system or the core directly). */
interface FileOps extends Closeable {

    /** Short name for the report. */
    String name();

    /** Creates the directories the files go in. */
    void prepare(int directories) throws IOException;

    void create(int dir, int file, byte[] content) throws IOException;

    /** Reads the size of a file (stat). */
    long stat(int dir, int file) throws IOException;

    byte[] read(int dir, int file) throws IOException;

    /** Replaces the content of an existing file. */
    void overwrite(int dir, int file, byte[] content) throws IOException;

    /** Visits every entry under the root; returns how many. */
    long walk() throws IOException;

    void delete(int dir, int file) throws IOException;
}
