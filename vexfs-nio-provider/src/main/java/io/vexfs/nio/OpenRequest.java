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

    private static final int READ = 1;
    private static final int WRITE = 1 << 1;
    private static final int APPEND = 1 << 2;
    private static final int CREATE = 1 << 3;
    private static final int CREATE_NEW = 1 << 4;
    private static final int TRUNCATE = 1 << 5;
    private static final int DELETE_ON_CLOSE = 1 << 6;
    private static final int SYNC = 1 << 7;
    private static final int NOFOLLOW = 1 << 8;

    static OpenRequest of(Set<? extends OpenOption> options) {
        int flags = 0;
        for (OpenOption option : options) {
            flags |= flag(option);
        }
        return of(flags);
    }

    /**
     * The request of {@code Files.newOutputStream(path, options)}, as the JDK's default
     * {@code FileSystemProvider.newOutputStream} builds it (no options: CREATE, TRUNCATE_EXISTING, WRITE;
     * else the options plus WRITE; READ is an {@link IllegalArgumentException}), without a set.
     */
    static OpenRequest forOutput(OpenOption... options) {
        if (options.length == 0) {
            return of(CREATE | TRUNCATE | WRITE);
        }
        for (OpenOption option : options) {
            if (option == StandardOpenOption.READ) {
                throw new IllegalArgumentException("READ not allowed");
            }
        }
        int flags = WRITE;
        for (OpenOption option : options) {
            flags |= flag(option);
        }
        return of(flags);
    }

    /**
     * The request of {@code Files.newInputStream(path, options)}, as the JDK's default
     * {@code FileSystemProvider.newInputStream} builds it (APPEND and WRITE are an
     * {@link UnsupportedOperationException}), without a set.
     */
    static OpenRequest forInput(OpenOption... options) {
        for (OpenOption option : options) {
            if (option == StandardOpenOption.APPEND || option == StandardOpenOption.WRITE) {
                throw new UnsupportedOperationException("'" + option + "' not allowed");
            }
        }
        int flags = 0;
        for (OpenOption option : options) {
            flags |= flag(option);
        }
        return of(flags);
    }

    private static int flag(OpenOption option) {
        if (option == null) {
            throw new NullPointerException("null open option");
        }
        if (option instanceof StandardOpenOption s) {
            return switch (s) {
                case READ -> READ;
                case WRITE -> WRITE;
                case APPEND -> APPEND;
                case CREATE -> CREATE;
                case CREATE_NEW -> CREATE_NEW;
                case TRUNCATE_EXISTING -> TRUNCATE;
                case DELETE_ON_CLOSE -> DELETE_ON_CLOSE;
                case SYNC, DSYNC -> SYNC;
                case SPARSE -> 0; // every vexfs file is sparse
            };
        }
        if (option == LinkOption.NOFOLLOW_LINKS) {
            return NOFOLLOW;
        }
        throw new UnsupportedOperationException("unsupported open option: " + option);
    }

    /**
     * Requests by their option flags, made once: a request is immutable and few combinations occur. Racy
     * but safe: a record's fields are final, and two threads at worst both make the same request.
     */
    private static final OpenRequest[] BY_FLAGS = new OpenRequest[1 << 9];
    /** The core's open mode of each request for the default permissions, by the request's flags. */
    private static final OpenMode[] DEFAULT_MODES = new OpenMode[1 << 9];
    private static final int DEFAULT_PERMISSIONS = 0644;

    private static OpenRequest of(int flags) {
        OpenRequest cached = BY_FLAGS[flags];
        if (cached == null) {
            cached = make(flags);
            BY_FLAGS[flags] = cached;
        }
        return cached;
    }

    private static OpenRequest make(int flags) {
        boolean read = (flags & READ) != 0;
        boolean write = (flags & WRITE) != 0;
        boolean append = (flags & APPEND) != 0;
        boolean create = (flags & CREATE) != 0;
        boolean createNew = (flags & CREATE_NEW) != 0;
        boolean truncate = (flags & TRUNCATE) != 0;
        boolean follow = (flags & NOFOLLOW) == 0;
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
        return new OpenRequest(read, write, append, create, createNew, truncate, (flags & DELETE_ON_CLOSE) != 0,
                (flags & SYNC) != 0, follow);
    }

    OpenMode toMode(int permissions) {
        if (permissions != DEFAULT_PERMISSIONS) {
            return newMode(permissions);
        }
        int key = flags();
        OpenMode mode = DEFAULT_MODES[key];
        if (mode == null) {
            mode = newMode(permissions);
            DEFAULT_MODES[key] = mode;
        }
        return mode;
    }

    private OpenMode newMode(int permissions) {
        return new OpenMode(read, write, append, create || createNew, createNew, truncate, followLinks, permissions,
                sync);
    }

    /** This request as flags (the normalized options). */
    private int flags() {
        return (read ? READ : 0) | (write ? WRITE : 0) | (append ? APPEND : 0) | (create ? CREATE : 0)
                | (createNew ? CREATE_NEW : 0) | (truncate ? TRUNCATE : 0) | (deleteOnClose ? DELETE_ON_CLOSE : 0)
                | (sync ? SYNC : 0) | (followLinks ? 0 : NOFOLLOW);
    }
}
