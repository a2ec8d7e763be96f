package io.vexfs.core.crash;

import io.vexfs.api.VexfsException;
import io.vexfs.core.Volume;

/** Public access to {@link TreeImage} for tests in other packages: a comparable rendering of a volume's tree. */
public final class TreeImages {
    private TreeImages() {
    }

    /** Every path with its type, size, content hash and xattrs, as one comparable string. */
    public static String capture(Volume v) throws VexfsException {
        StringBuilder sb = new StringBuilder();
        TreeImage.capture(v).entries().forEach((p, e) -> sb.append(p).append(' ').append(e.type()).append(' ')
                .append(e.identity()).append(' ').append(e.content() == null ? "-" : java.util.Arrays.hashCode(e.content())
                        + "/" + e.content().length).append(' ').append(e.xattrs()).append('\n'));
        return sb.toString();
    }
}
