package io.vexfs.nio;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code "user"} view: extended attributes in the {@code user.} namespace of the core. */
final class UserXattrView implements UserDefinedFileAttributeView {
    static final String NAMESPACE = "user.";
    private final VexfsPath path;
    private final boolean follow;

    UserXattrView(VexfsPath path, boolean follow) {
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return "user";
    }

    private VexfsFileSystem fs() {
        return path.getFileSystem();
    }

    @Override
    public List<String> list() throws IOException {
        fs().ensureOpen();
        try {
            List<String> names = new ArrayList<>();
            for (String n : fs().volume().listXattrs(path.volumePath(), follow)) {
                if (n.startsWith(NAMESPACE)) {
                    names.add(n.substring(NAMESPACE.length()));
                }
            }
            return names;
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    byte[] get(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        fs().ensureOpen();
        try {
            Optional<byte[]> value = fs().volume().getXattr(path.volumePath(), follow, NAMESPACE + name);
            if (value.isEmpty()) {
                throw ExceptionMapper.of(VexfsError.ENODATA, path, "no attribute user." + name);
            }
            return value.get();
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }

    @Override
    public int size(String name) throws IOException {
        return get(name).length;
    }

    @Override
    public int read(String name, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        byte[] value = get(name);
        if (dst.remaining() < value.length) {
            throw ExceptionMapper.of(VexfsError.ERANGE, path, "buffer of " + dst.remaining()
                    + " bytes too small for user." + name + " (" + value.length + " bytes)");
        }
        dst.put(value);
        return value.length;
    }

    @Override
    public int write(String name, ByteBuffer src) throws IOException {
        Objects.requireNonNull(name, "name");
        fs().ensureWritable(path);
        byte[] value = new byte[src.remaining()];
        src.duplicate().get(value);
        try {
            fs().volume().setXattr(path.volumePath(), follow, NAMESPACE + name, value);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
        src.position(src.limit());
        return value.length;
    }

    @Override
    public void delete(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        fs().ensureWritable(path);
        try {
            fs().volume().removeXattr(path.volumePath(), follow, NAMESPACE + name);
        } catch (VexfsException e) {
            throw ExceptionMapper.map(e, path);
        }
    }
}
