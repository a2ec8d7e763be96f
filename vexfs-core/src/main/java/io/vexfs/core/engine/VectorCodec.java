package io.vexfs.core.engine;

import io.vexfs.api.VectorMetric;
import io.vexfs.api.VectorSpec;
import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import io.vexfs.core.format.Le;

import java.nio.charset.StandardCharsets;

/**
 * The xattr encodings of vectors (docs/FORMAT.md "Vectors"): a space is a root-directory xattr
 * {@code vexfs.space.<name>} holding its definition, a file's vector an xattr
 * {@code vexfs.vector.<name>} holding {@code dimension} little-endian float32 values.
 */
final class VectorCodec {
    private VectorCodec() {
    }

    static final String SPACE_PREFIX = "vexfs.space.";
    static final String VECTOR_PREFIX = "vexfs.vector.";
    static final String GRAPH_PREFIX = "vexfs.graph.";

    /**
     * A persisted index: the system inode holding the blob, the mount count of the session that
     * wrote it (valid only if the volume was closed cleanly by that session) and the blob's size.
     */
    record GraphRef(long inode, long mountCount, long size) {
        byte[] encode() {
            byte[] b = new byte[24];
            Le.put64(b, 0, inode);
            Le.put64(b, 8, mountCount);
            Le.put64(b, 16, size);
            return b;
        }

        static GraphRef decode(String space, byte[] b) throws VexfsException {
            if (b.length != 24) {
                throw new VexfsException(VexfsError.EUCLEAN, "vector graph reference of " + space + ": " + b.length
                        + " bytes, expected 24");
            }
            return new GraphRef(Le.u64(b, 0), Le.u64(b, 8), Le.u64(b, 16));
        }
    }
    /** Largest dimension one xattr value can hold (4000 bytes / 4). */
    static final int MAX_DIMENSION = 1000;
    /** Allowed deviation of a DOT_PRODUCT vector's squared norm from 1. */
    static final double UNIT_TOLERANCE = 1e-3;

    static byte[] encodeSpec(VectorSpec spec) {
        byte[] b = new byte[8];
        Le.put32(b, 0, spec.dimension());
        b[4] = (byte) (spec.metric().ordinal() + 1);
        b[5] = 1; // element type: float32
        return b;
    }

    static VectorSpec decodeSpec(String name, byte[] b) throws VexfsException {
        if (b.length != 8 || b[4] < 1 || b[4] > VectorMetric.values().length || b[5] != 1) {
            throw new VexfsException(VexfsError.EUCLEAN, "vector space " + name + ": malformed definition");
        }
        long dim = Le.u32(b, 0);
        if (dim < 1 || dim > MAX_DIMENSION) {
            throw new VexfsException(VexfsError.EUCLEAN, "vector space " + name + ": dimension " + dim);
        }
        try {
            return new VectorSpec(name, (int) dim, VectorMetric.values()[b[4] - 1]);
        } catch (IllegalArgumentException e) {
            throw new VexfsException(VexfsError.EUCLEAN, "vector space " + name + ": " + e.getMessage());
        }
    }

    static byte[] encodeVector(float[] v) {
        byte[] b = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            Le.put32(b, i * 4, Float.floatToRawIntBits(v[i]) & 0xffffffffL);
        }
        return b;
    }

    static float[] decodeVector(VectorSpec spec, byte[] b, long ino) throws VexfsException {
        if (b.length != spec.dimension() * 4) {
            throw new VexfsException(VexfsError.EUCLEAN, "inode " + ino + ": vector in space " + spec.name() + " has "
                    + b.length + " bytes, expected " + spec.dimension() * 4);
        }
        float[] v = new float[spec.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(Le.i32(b, i * 4));
        }
        return v;
    }

    /** Rejects a vector the space cannot take (EINVAL with the reason). */
    static void validate(VectorSpec spec, float[] v, String what) throws VexfsException {
        if (v == null || v.length != spec.dimension()) {
            throw new VexfsException(VexfsError.EINVAL, what + ": vector space " + spec.name() + " has dimension "
                    + spec.dimension() + ", got " + (v == null ? "null" : v.length));
        }
        double norm = 0;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new VexfsException(VexfsError.EINVAL, what + ": vector components must be finite (NaN/Inf)");
            }
            norm += (double) f * f;
        }
        if (spec.metric() != VectorMetric.L2 && norm == 0) {
            throw new VexfsException(VexfsError.EINVAL, what + ": a zero vector has no direction for "
                    + spec.metric());
        }
        if (spec.metric() == VectorMetric.DOT_PRODUCT && Math.abs(norm - 1.0) > UNIT_TOLERANCE) {
            throw new VexfsException(VexfsError.EINVAL, what + ": DOT_PRODUCT space " + spec.name()
                    + " needs unit-length vectors (squared norm " + norm + "); normalize first");
        }
    }

    static void validateName(String name) throws VexfsException {
        byte[] b = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > 64 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new VexfsException(VexfsError.EINVAL, "vector space name must be 1..64 UTF-8 bytes without '/' or"
                    + " NUL: " + name);
        }
    }
}
