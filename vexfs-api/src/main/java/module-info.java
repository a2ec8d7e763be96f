/** Public types of VexFS: the error model, statistics and vector records. No dependencies. */
module io.vexfs.api {
    exports io.vexfs.api;
}
