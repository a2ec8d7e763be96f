package io.vexfs.core;

/** Receives directory-entry changes as they commit to the in-memory state (for watch services). */
@FunctionalInterface
public interface ChangeListener {

    /** What happened to an entry. */
    enum Kind { CREATE, DELETE, MODIFY }

    /**
     * @param directoryPath  absolute path of the directory whose entry changed
     * @param directoryInode that directory's inode (stable across renames of it)
     * @param name           entry name
     * @param kind           change kind
     */
    void changed(String directoryPath, long directoryInode, String name, Kind kind);
}
