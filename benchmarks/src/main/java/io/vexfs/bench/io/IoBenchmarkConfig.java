package io.vexfs.bench.io;

/**
 * Sizes and repetitions of the I/O comparison.
 *
 * @param bigFileBytes    size of the sequentially written / read file
 * @param chunkBytes      buffer size of sequential I/O
 * @param randomReads     number of random 4 KiB reads per run
 * @param smallFiles      number of small files created per run
 * @param smallFileBytes  size of each small file
 * @param warmups         unmeasured runs before the measured ones (JIT, page cache)
 * @param runs            measured runs; the median is reported
 */
public record IoBenchmarkConfig(long bigFileBytes, int chunkBytes, int randomReads, int smallFiles, int smallFileBytes,
                                int warmups, int runs) {

    /** The product's reference workload: 256 MiB, 100,000 random reads, 100,000 files of 1 KiB; 5 measured runs. */
    public static IoBenchmarkConfig standard() {
        return new IoBenchmarkConfig(256L << 20, 1 << 20, 100_000, 100_000, 1024, 1, 5);
    }

    /** A smoke run with small sizes. */
    public static IoBenchmarkConfig quick() {
        return new IoBenchmarkConfig(32L << 20, 1 << 20, 20_000, 5_000, 1024, 1, 3);
    }

    public IoBenchmarkConfig withRuns(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new IoBenchmarkConfig(bigFileBytes, chunkBytes, randomReads, smallFiles, smallFileBytes, warmups, n);
    }
}
