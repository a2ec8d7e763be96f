/** Small programs that show how to use VexFS; copy from them. */
module io.vexfs.examples {
    requires io.vexfs.nio;
    requires org.apache.lucene.core;
    requires jdk.zipfs;
}
