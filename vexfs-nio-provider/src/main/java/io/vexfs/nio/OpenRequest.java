package io.vexfs.nio;

import io.vexfs.core.OpenMode;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The {@link OpenOption}s of a channel request, validated as the JDK's Unix provider does: READ unless
 * WRITE or APPEND; APPEND implies WRITE; CREATE, CREATE_NEW and TRUNCATE_EXISTING only count with WRITE;
 * APPEND with READ or TRUNCATE_EXISTING is an {@link IllegalArgumentException}.
 */
record OpenRequest(boolean read, boolean write, boolean append, boolean create, boolean createNew,
                   boolean truncate, boolean deleteOnClose, boolean sync, boolean followLinks) {

    static OpenRequest of(Set<? extends OpenOption> options) {
        boolean read = false, write = false, append = false, create = false, createNew = false, truncate = false,
                deleteOnClose = false, sync = false, follow = true;
        for (OpenOption option : options) {
            if (option == null) {
                throw new NullPointerException("null open option");
            }
            if (option instanceof StandardOpenOption s) {
                switch (s) {
                    case READ -> read = true;
                    case WRITE -> write = true;
                    case APPEND -> append = true;
                    case CREATE -> create = true;
                    case CREATE_NEW -> createNew = true;
                    case TRUNCATE_EXISTING -> truncate = true;
                    case DELETE_ON_CLOSE -> deleteOnClose = true;
                    case SYNC, DSYNC -> sync = true;
                    case SPARSE -> { } // every vexfs file is sparse
                }
            } else if (option == LinkOption.NOFOLLOW_LINKS) {
                follow = false;
            } else {
                throw new UnsupportedOperationException("unsupported open option: " + option);
            }
        }
        if (append) {
            if (read) {
                throw new IllegalArgumentException("READ + APPEND not allowed");
            }
            if (truncate) {
                throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
            }
            write = true;
        }
        if (!write) {
            read = true;
            create = false;
            createNew = false;
            truncate = false;
        }
        if (createNew) {
            follow = false;
        }
        return new OpenRequest(read, write, append, create, createNew, truncate, deleteOnClose, sync, follow);
    }

    OpenMode toMode(int permissions) {
        return new OpenMode(read, write, append, create || createNew, createNew, truncate, followLinks, permissions,
                sync);
    }
}
