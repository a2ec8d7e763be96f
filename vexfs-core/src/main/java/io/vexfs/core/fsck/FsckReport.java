package io.vexfs.core.fsck;

import java.util.List;

/**
 * What fsck checked and found.
 *
 * @param problems     every inconsistency, with its location
 * @param inodes       inodes reached from the root
 * @param directories  directories among them
 * @param blocksInUse  blocks referenced (metadata regions included)
 */
public record FsckReport(List<FsckProblem> problems, long inodes, long directories, long blocksInUse) {
    public FsckReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** Problems that remain after repair. */
    public long unrepaired() {
        return problems.stream().filter(p -> !p.repaired()).count();
    }
}
