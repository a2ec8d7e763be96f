package io.vexfs.core.fsck;

/**
 * One inconsistency fsck found.
 *
 * @param where the structure and location (inode, block, path)
 * @param what  what is wrong
 * @param repaired whether {@code --repair} fixed it
 */
public record FsckProblem(String where, String what, boolean repaired) {
    @Override
    public String toString() {
        return where + ": " + what + (repaired ? " [repaired]" : "");
    }
}
