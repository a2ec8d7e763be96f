/** The VexFS engine: on-disk format, journal, allocation, inodes, directories, files, xattrs, fsck. */
module io.vexfs.core {
    requires transitive io.vexfs.api;
    requires com.github.benmanes.caffeine;
    requires org.apache.lucene.core;
    requires com.lmax.disruptor;
    requires jdk.incubator.vector;

    exports io.vexfs.core;
    exports io.vexfs.core.fsck;
    exports io.vexfs.core.format;
    exports io.vexfs.core.vector;
}
