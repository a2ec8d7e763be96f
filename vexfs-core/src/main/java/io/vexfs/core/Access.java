package io.vexfs.core;

/** Access bits for {@link Volume#checkAccess}, as in {@code access(2)}. */
public final class Access {
    private Access() {
    }

    public static final int EXISTS = 0;
    public static final int EXECUTE = 1;
    public static final int WRITE = 2;
    public static final int READ = 4;
}
