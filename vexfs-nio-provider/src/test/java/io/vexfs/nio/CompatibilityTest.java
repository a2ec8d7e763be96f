package io.vexfs.nio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every test runs twice: in a temp directory of the default file system and in a vexfs volume, with
 * the same assertions, so both must behave alike (results and exception types).
 */
class CompatibilityTest {
    enum Target { HOST, VEXFS }

    @TempDir
    Path tmp;
    private FileSystem vexfs;

    @AfterEach
    void closeVolume() throws IOException {
        if (vexfs != null) {
            vexfs.close();
        }
    }

    private Path root(Target target) throws IOException {
        if (target == Target.HOST) {
            return Files.createDirectory(tmp.resolve("host"));
        }
        vexfs = TestVolumes.create(tmp, "compat.vexfs");
        return Files.createDirectory(vexfs.getPath("/work"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ files and errors

    @ParameterizedTest
    @EnumSource(Target.class)
    void writesAndReadsBytesAndLines(Target t) throws IOException {
        Path r = root(t);
        Path f = r.resolve("a.txt");
        Files.write(f, bytes("hello\nworld\n"));
        assertThat(Files.readAllBytes(f)).isEqualTo(bytes("hello\nworld\n"));
        assertThat(Files.readAllLines(f)).containsExactly("hello", "world");
        Files.writeString(f, "more", StandardOpenOption.APPEND);
        assertThat(Files.readString(f)).isEqualTo("hello\nworld\nmore");
        assertThat(Files.size(f)).isEqualTo(16);
        assertThat(Files.isRegularFile(f)).isTrue();
        assertThat(Files.isDirectory(f)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void missingAndExistingFilesFailWithTheMatchingException(Target t) throws IOException {
        Path r = root(t);
        assertThatThrownBy(() -> Files.readAllBytes(r.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Files.delete(r.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        Files.createFile(r.resolve("f"));
        assertThatThrownBy(() -> Files.createFile(r.resolve("f"))).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Files.createDirectory(r.resolve("f")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Files.createFile(r.resolve("f/child"))).isInstanceOf(FileSystemException.class);
        assertThatThrownBy(() -> Files.newDirectoryStream(r.resolve("f"))).isInstanceOf(NotDirectoryException.class);
        Files.createDirectories(r.resolve("d/e"));
        assertThatThrownBy(() -> Files.delete(r.resolve("d"))).isInstanceOf(DirectoryNotEmptyException.class);
        assertThat(Files.deleteIfExists(r.resolve("nothing"))).isFalse();
        assertThat(Files.deleteIfExists(r.resolve("f"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void createDirectoriesMakesEveryLevelAndToleratesExisting(Target t) throws IOException {
        Path r = root(t);
        Path deep = r.resolve("a/b/c/d");
        Files.createDirectories(deep);
        Files.createDirectories(deep);
        assertThat(Files.isDirectory(deep)).isTrue();
        Files.createFile(r.resolve("a/file"));
        assertThatThrownBy(() -> Files.createDirectories(r.resolve("a/file/x")))
                .isInstanceOf(FileSystemException.class);
    }

    // ------------------------------------------------------------------ channels

    @ParameterizedTest
    @EnumSource(Target.class)
    void openOptionsBehaveAsOnUnix(Target t) throws IOException {
        Path r = root(t);
        Path f = r.resolve("f");
        assertThatThrownBy(() -> Files.newByteChannel(f)).isInstanceOf(NoSuchFileException.class);
        try (var ch = Files.newByteChannel(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes("0123456789")));
        }
        assertThatThrownBy(() -> Files.newByteChannel(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Files.newByteChannel(f, StandardOpenOption.READ, StandardOpenOption.APPEND))
                .isInstanceOf(IllegalArgumentException.class);
        try (var ch = Files.newByteChannel(f, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes("ab")));
        }
        assertThat(Files.readString(f)).isEqualTo("0123456789ab");
        try (var ch = Files.newByteChannel(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC)) {
            assertThat(ch.size()).isZero();
            ch.write(ByteBuffer.wrap(bytes("xy")));
        }
        assertThat(Files.readString(f)).isEqualTo("xy");
        try (var ch = Files.newByteChannel(f, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(bytes("z"))))
                    .isInstanceOf(NonWritableChannelException.class);
        }
        try (var ch = Files.newByteChannel(f, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1))).isInstanceOf(NonReadableChannelException.class);
        }
        Path temp = r.resolve("temp");
        try (var ch = Files.newByteChannel(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE)) {
            ch.write(ByteBuffer.wrap(bytes("gone")));
        }
        assertThat(Files.exists(temp)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void noFollowLinksRefusesASymlink(Target t) throws IOException {
        Path r = root(t);
        Files.writeString(r.resolve("target"), "x");
        Path link = Files.createSymbolicLink(r.resolve("link"), r.resolve("target"));
        assertThat(Files.readString(link)).isEqualTo("x");
        // the host reports a plain IOException ("Too many levels of symbolic links"), vexfs a
        // FileSystemException naming the path with ELOOP
        assertThatThrownBy(() -> Files.newByteChannel(link, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic links");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void fileChannelPositionsSizesAndTruncates(Target t) throws IOException {
        Path r = root(t);
        try (FileChannel ch = FileChannel.open(r.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            assertThat(ch.write(ByteBuffer.wrap(bytes("abcdef")))).isEqualTo(6);
            assertThat(ch.position()).isEqualTo(6);
            ch.write(ByteBuffer.wrap(bytes("Z")), 10);
            assertThat(ch.size()).isEqualTo(11);
            ByteBuffer all = ByteBuffer.allocate(11);
            assertThat(ch.read(all, 0)).isEqualTo(11);
            assertThat(all.array()).isEqualTo(new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 0, 0, 0, 0, 'Z'});
            assertThat(ch.read(ByteBuffer.allocate(4), 11)).isEqualTo(-1);
            assertThat(ch.position()).isEqualTo(6);
            ch.position(2);
            ByteBuffer two = ByteBuffer.allocate(2);
            ch.read(two);
            assertThat(new String(two.array(), StandardCharsets.UTF_8)).isEqualTo("cd");
            ch.truncate(3);
            assertThat(ch.size()).isEqualTo(3);
            assertThat(ch.position()).isEqualTo(3);
            ch.truncate(100);
            assertThat(ch.size()).isEqualTo(3);
            assertThatThrownBy(() -> ch.position(-1)).isInstanceOf(IllegalArgumentException.class);
            ch.force(true);
            ByteBuffer[] parts = {ByteBuffer.allocate(1), ByteBuffer.allocate(5)};
            ch.position(0);
            assertThat(ch.read(parts)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void transfersBetweenChannels(Target t) throws IOException {
        Path r = root(t);
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        Files.write(r.resolve("src"), data);
        try (FileChannel in = FileChannel.open(r.resolve("src"));
             FileChannel out = FileChannel.open(r.resolve("dst"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE)) {
            long n = 0;
            while (n < data.length) {
                n += in.transferTo(n, data.length - n, out);
            }
        }
        assertThat(Files.readAllBytes(r.resolve("dst"))).isEqualTo(data);
        try (FileChannel in = FileChannel.open(r.resolve("src"));
             FileChannel out = FileChannel.open(r.resolve("dst2"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE)) {
            assertThat(out.transferFrom(in, 0, 1000)).isEqualTo(1000);
        }
        assertThat(Files.readAllBytes(r.resolve("dst2"))).isEqualTo(java.util.Arrays.copyOf(data, 1000));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void locksConflictOnOverlapOnly(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.write(r.resolve("lockme"), new byte[100]);
        try (FileChannel a = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel b = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel ro = FileChannel.open(f, StandardOpenOption.READ)) {
            FileLock l1 = a.lock(0, 10, false);
            assertThat(l1.isValid()).isTrue();
            assertThat(l1.isShared()).isFalse();
            assertThatThrownBy(() -> b.tryLock(5, 10, false)).isInstanceOf(OverlappingFileLockException.class);
            assertThatThrownBy(() -> a.lock(0, 1, true)).isInstanceOf(OverlappingFileLockException.class);
            FileLock l2 = b.tryLock(10, 10, true);
            assertThat(l2).isNotNull();
            assertThat(l2.isShared()).isTrue();
            assertThatThrownBy(() -> ro.lock(50, 1, false)).isInstanceOf(NonWritableChannelException.class);
            l1.release();
            assertThat(l1.isValid()).isFalse();
            FileLock l3 = b.lock(0, 10, false);
            l3.close();
            l2.release();
        }
        FileChannel closed = FileChannel.open(f, StandardOpenOption.WRITE);
        FileLock held = closed.lock();
        closed.close();
        assertThat(held.isValid()).isFalse();
        assertThatThrownBy(() -> closed.lock()).isInstanceOf(ClosedChannelException.class);
        try (FileChannel w = FileChannel.open(f, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> w.lock(0, 1, true)).isInstanceOf(NonReadableChannelException.class);
            assertThat(w.tryLock()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void mapsReadOnly(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.writeString(r.resolve("m"), "mapped content");
        try (FileChannel ch = FileChannel.open(f)) {
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 7, 7);
            byte[] out = new byte[7];
            buf.get(out);
            assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("content");
            assertThat(buf.isReadOnly()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void directoriesOpenForReadingAndForce(Target t) throws IOException {
        Path r = root(t);
        Path d = Files.createDirectory(r.resolve("d"));
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
            assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> FileChannel.open(d, StandardOpenOption.WRITE)).isInstanceOf(FileSystemException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void streamsReadWriteAndAppend(Target t) throws IOException {
        Path r = root(t);
        Path f = r.resolve("s");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(bytes("first "));
        }
        try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
            out.write(bytes("second"));
        }
        try (InputStream in = Files.newInputStream(f)) {
            assertThat(in.skip(6)).isEqualTo(6);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        try (var w = Files.newBufferedWriter(f)) {
            w.write("line1\nline2\n");
        }
        try (var lines = Files.lines(f)) {
            assertThat(lines.toList()).containsExactly("line1", "line2");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void asynchronousChannelReadsAndWrites(Target t) throws Exception {
        Path r = root(t);
        Path f = r.resolve("async");
        try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(ch.write(ByteBuffer.wrap(bytes("async data")), 0).get()).isEqualTo(10);
            ByteBuffer dst = ByteBuffer.allocate(4);
            assertThat(ch.read(dst, 6).get()).isEqualTo(4);
            assertThat(new String(dst.array(), StandardCharsets.UTF_8)).isEqualTo("data");
            java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
            ch.write(ByteBuffer.wrap(bytes("!")), 10, "attachment",
                    new java.nio.channels.CompletionHandler<Integer, String>() {
                        @Override
                        public void completed(Integer result, String attachment) {
                            done.complete(attachment.equals("attachment") ? result : -1);
                        }

                        @Override
                        public void failed(Throwable exc, String attachment) {
                            done.completeExceptionally(exc);
                        }
                    });
            assertThat(done.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            FileLock lock = ch.lock().get();
            assertThatThrownBy(() -> ch.tryLock(0, 1, false)).isInstanceOf(OverlappingFileLockException.class);
            lock.release();
            assertThat(ch.size()).isEqualTo(11);
        }
    }

    // ------------------------------------------------------------------ directories

    private static void tree(Path r) throws IOException {
        Files.createDirectories(r.resolve("t/a/b"));
        Files.createDirectories(r.resolve("t/c"));
        Files.writeString(r.resolve("t/x.txt"), "x");
        Files.writeString(r.resolve("t/y.java"), "y");
        Files.writeString(r.resolve("t/a/z.txt"), "z");
        Files.writeString(r.resolve("t/a/b/deep.txt"), "deep");
    }

    private static List<String> rel(Path base, Stream<Path> paths) {
        return paths.map(p -> base.relativize(p).toString()).sorted().toList();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void listsWalksAndFinds(Target t) throws IOException {
        Path r = root(t);
        tree(r);
        Path base = r.resolve("t");
        try (Stream<Path> s = Files.list(base)) {
            assertThat(rel(base, s)).containsExactly("a", "c", "x.txt", "y.java");
        }
        try (Stream<Path> s = Files.walk(base)) {
            assertThat(rel(base, s)).containsExactly("", "a", "a/b", "a/b/deep.txt", "a/z.txt", "c", "x.txt",
                    "y.java");
        }
        try (Stream<Path> s = Files.walk(base, 1)) {
            assertThat(rel(base, s)).hasSize(5);
        }
        try (Stream<Path> s = Files.find(base, 10, (p, a) -> a.isRegularFile() && p.toString().endsWith(".txt"))) {
            assertThat(rel(base, s)).containsExactly("a/b/deep.txt", "a/z.txt", "x.txt");
        }
        List<String> visited = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                visited.add("pre " + base.relativize(dir));
                return dir.endsWith("c") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                visited.add("file " + base.relativize(file) + " " + attrs.size());
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(visited).contains("pre ", "pre a", "pre a/b", "file a/b/deep.txt 4", "file x.txt 1").hasSize(8);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void walkingWithFollowLinksDetectsCycles(Target t) throws IOException {
        Path r = root(t);
        Files.createDirectories(r.resolve("top/sub"));
        Files.createSymbolicLink(r.resolve("top/sub/up"), r.resolve("top"));
        List<Class<?>> failures = new ArrayList<>();
        Files.walkFileTree(r.resolve("top"), Set.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), 10,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        failures.add(exc.getClass());
                        return FileVisitResult.CONTINUE;
                    }
                });
        assertThat(failures).containsExactly(java.nio.file.FileSystemLoopException.class);
        try (Stream<Path> s = Files.walk(r.resolve("top"))) {
            assertThat(s.count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void directoryStreamsFilterByGlobAndFilter(Target t) throws IOException {
        Path r = root(t);
        tree(r);
        Path base = r.resolve("t");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, "*.{txt,java}")) {
            List<String> names = new ArrayList<>();
            ds.forEach(p -> names.add(p.getFileName().toString()));
            assertThat(names).containsExactlyInAnyOrder("x.txt", "y.java");
            assertThatThrownBy(ds::iterator).isInstanceOf(IllegalStateException.class);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, Files::isDirectory)) {
            List<String> names = new ArrayList<>();
            ds.forEach(p -> names.add(p.getFileName().toString()));
            assertThat(names).containsExactlyInAnyOrder("a", "c");
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, p -> {
            throw new IOException("filter failed");
        })) {
            assertThatThrownBy(() -> ds.iterator().hasNext()).isInstanceOf(DirectoryIteratorException.class);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            assertThat(ds).isInstanceOf(SecureDirectoryStream.class);
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) ds;
            sds.deleteFile(base.getFileSystem().getPath("x.txt"));
            assertThatThrownBy(() -> sds.deleteDirectory(base.getFileSystem().getPath("y.java")))
                    .isInstanceOf(FileSystemException.class);
            assertThat(sds.getFileAttributeView(base.getFileSystem().getPath("y.java"),
                    BasicFileAttributeViewHolder.TYPE).readAttributes().size()).isEqualTo(1);
        }
        assertThat(Files.exists(base.resolve("x.txt"))).isFalse();
    }

    /** A secure directory stream holds its directory, not its path (as a directory descriptor does). */
    @ParameterizedTest
    @EnumSource(Target.class)
    void secureDirectoryStreamFollowsItsDirectoryAcrossRenames(Target t) throws IOException {
        Path r = root(t);
        Path base = Files.createDirectory(r.resolve("sd"));
        Files.writeString(base.resolve("a"), "x");
        Path moved = r.resolve("moved");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) ds;
            Files.move(base, moved);
            Files.createDirectory(base); // another directory at the old path: not the stream's
            Path rel = base.getFileSystem().getPath("new.txt");
            try (var ch = sds.newByteChannel(rel, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            }
            assertThat(Files.size(moved.resolve("new.txt"))).isEqualTo(3);
            assertThat(Files.exists(base.resolve("new.txt"))).isFalse();
            sds.deleteFile(base.getFileSystem().getPath("a"));
            assertThat(Files.exists(moved.resolve("a"))).isFalse();
            List<String> names = new ArrayList<>();
            ds.forEach(p -> names.add(p.getFileName().toString()));
            assertThat(names).containsExactly("new.txt");
            Files.delete(moved.resolve("new.txt"));
            Files.delete(moved);
            assertThatThrownBy(() -> sds.newByteChannel(rel, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE))).isInstanceOf(NoSuchFileException.class);
        }
    }

    /** Holder for the class literal used above (keeps the generic call readable). */
    private static final class BasicFileAttributeViewHolder {
        static final Class<java.nio.file.attribute.BasicFileAttributeView> TYPE =
                java.nio.file.attribute.BasicFileAttributeView.class;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void largeDirectoriesListCompletely(Target t) throws IOException {
        Path r = root(t);
        Path d = Files.createDirectory(r.resolve("many"));
        for (int i = 0; i < 700; i++) {
            Files.createFile(d.resolve("f" + i));
        }
        try (Stream<Path> s = Files.list(d)) {
            assertThat(s.count()).isEqualTo(700);
        }
    }

    // ------------------------------------------------------------------ paths

    @ParameterizedTest
    @EnumSource(Target.class)
    void pathOperationsMatchTheDefaultFileSystem(Target t) throws IOException {
        Path r = root(t);
        FileSystem fs = r.getFileSystem();
        FileSystem host = FileSystems.getDefault();
        String[] samples = {"/", "", "a", "a/b", "/a/b/c", "a/./b/../c", "/../a", "../..", "a//b/", "./x", "/a/.."};
        for (String a : samples) {
            Path p = fs.getPath(a);
            Path h = host.getPath(a);
            assertThat(p.toString()).as("toString %s", a).isEqualTo(h.toString());
            assertThat(p.isAbsolute()).as("isAbsolute %s", a).isEqualTo(h.isAbsolute());
            assertThat(String.valueOf(p.getFileName())).as("fileName %s", a).isEqualTo(String.valueOf(h.getFileName()));
            assertThat(String.valueOf(p.getParent())).as("parent %s", a).isEqualTo(String.valueOf(h.getParent()));
            assertThat(String.valueOf(p.getRoot())).as("root %s", a).isEqualTo(String.valueOf(h.getRoot()));
            assertThat(p.getNameCount()).as("count %s", a).isEqualTo(h.getNameCount());
            assertThat(p.normalize().toString()).as("normalize %s", a).isEqualTo(h.normalize().toString());
            List<String> pn = new ArrayList<>();
            p.forEach(x -> pn.add(x.toString()));
            List<String> hn = new ArrayList<>();
            h.forEach(x -> hn.add(x.toString()));
            assertThat(pn).as("names %s", a).isEqualTo(hn);
            for (String b : samples) {
                Path q = fs.getPath(b);
                Path g = host.getPath(b);
                assertThat(p.resolve(q).toString()).as("%s resolve %s", a, b).isEqualTo(h.resolve(g).toString());
                assertThat(p.resolve(b).toString()).as("%s resolve string %s", a, b).isEqualTo(h.resolve(b).toString());
                assertThat(p.resolve(b)).as("%s resolve string %s", a, b).isEqualTo(p.resolve(q))
                        .hasSameHashCodeAs(fs.getPath(p.resolve(q).toString()));
                assertThat(p.startsWith(q)).as("%s startsWith %s", a, b).isEqualTo(h.startsWith(g));
                assertThat(p.endsWith(q)).as("%s endsWith %s", a, b).isEqualTo(h.endsWith(g));
                assertThat(Integer.signum(p.compareTo(q))).as("%s compareTo %s", a, b)
                        .isEqualTo(Integer.signum(h.compareTo(g)));
                assertThat(p.equals(q)).isEqualTo(h.equals(g));
                assertThat(p.resolveSibling(q).toString()).isEqualTo(h.resolveSibling(g).toString());
                String expected;
                try {
                    expected = h.relativize(g).toString();
                } catch (IllegalArgumentException e) {
                    expected = "IAE";
                }
                String actual;
                try {
                    actual = p.relativize(q).toString();
                } catch (IllegalArgumentException e) {
                    actual = "IAE";
                }
                assertThat(actual).as("%s relativize %s", a, b).isEqualTo(expected);
            }
        }
        assertThat(fs.getPath("a", "b", "", "c").toString()).isEqualTo(host.getPath("a", "b", "", "c").toString());
        assertThat(fs.getPath("/a/b/c").subpath(1, 3).toString()).isEqualTo("b/c");
        assertThatThrownBy(() -> fs.getPath("a\0b")).isInstanceOf(java.nio.file.InvalidPathException.class);
        assertThatThrownBy(() -> fs.getPath("/a").resolve("b\0")).isInstanceOf(java.nio.file.InvalidPathException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void globAndRegexMatchersMatchTheDefaultFileSystem(Target t) throws IOException {
        Path r = root(t);
        FileSystem fs = r.getFileSystem();
        FileSystem host = FileSystems.getDefault();
        String[] patterns = {"glob:*.txt", "glob:**.txt", "glob:**/*.txt", "glob:a?c", "glob:[a-c]*",
            "glob:[!a]*", "glob:{foo,bar}.*", "glob:*", "glob:**", "glob:a/*/c", "glob:\\*x", "glob:*.{java,class}",
            "regex:.*\\.txt", "regex:a/[^/]+", "glob:[[]x", "glob:a.b"};
        String[] paths = {"a.txt", "dir/a.txt", "/abs/dir/b.txt", "abc", "a/c", "abbc", "bx", "foo.x", "bar.y",
            "a/b/c", "a/bb/c", "*x", "ax", "A.java", "x.class", "[x", "a.b", "axb", ""};
        for (String pattern : patterns) {
            PathMatcher m = fs.getPathMatcher(pattern);
            PathMatcher hm = host.getPathMatcher(pattern);
            for (String p : paths) {
                assertThat(m.matches(fs.getPath(p))).as("%s on %s", pattern, p).isEqualTo(hm.matches(host.getPath(p)));
            }
        }
        assertThatThrownBy(() -> fs.getPathMatcher("nocolon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.getPathMatcher("foo:x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void realPathsFollowLinksAndDetectLoops(Target t) throws IOException {
        Path r = root(t).toRealPath();
        Files.createDirectories(r.resolve("real/sub"));
        Files.createSymbolicLink(r.resolve("rel"), r.getFileSystem().getPath("real/sub"));
        Files.createSymbolicLink(r.resolve("abs"), r.resolve("real"));
        assertThat(r.resolve("rel").toRealPath()).isEqualTo(r.resolve("real/sub"));
        assertThat(r.resolve("abs/sub/../sub").toRealPath()).isEqualTo(r.resolve("real/sub"));
        assertThat(r.resolve("rel").toRealPath(LinkOption.NOFOLLOW_LINKS)).isEqualTo(r.resolve("rel"));
        Files.createSymbolicLink(r.resolve("loop1"), r.resolve("loop2"));
        Files.createSymbolicLink(r.resolve("loop2"), r.resolve("loop1"));
        assertThatThrownBy(() -> r.resolve("loop1").toRealPath()).isInstanceOf(FileSystemException.class);
        assertThatThrownBy(() -> r.resolve("nothing").toRealPath()).isInstanceOf(NoSuchFileException.class);
        Path relative = r.getFileSystem().getPath("x");
        assertThat(relative.toAbsolutePath().isAbsolute()).isTrue();
    }

    // ------------------------------------------------------------------ links

    @ParameterizedTest
    @EnumSource(Target.class)
    void hardAndSymbolicLinks(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.writeString(r.resolve("f"), "data");
        Path hard = Files.createLink(r.resolve("hard"), f);
        assertThat(Files.isSameFile(f, hard)).isTrue();
        assertThat(Files.getAttribute(f, "unix:nlink")).isEqualTo(2);
        Files.delete(f);
        assertThat(Files.readString(hard)).isEqualTo("data");
        Path dangling = Files.createSymbolicLink(r.resolve("dangling"), r.getFileSystem().getPath("nowhere"));
        assertThat(Files.exists(dangling)).isFalse();
        assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readSymbolicLink(dangling).toString()).isEqualTo("nowhere");
        assertThatThrownBy(() -> Files.readSymbolicLink(hard)).isInstanceOf(NotLinkException.class);
        Files.createDirectory(r.resolve("dir"));
        assertThatThrownBy(() -> Files.createLink(r.resolve("dirlink"), r.resolve("dir")))
                .isInstanceOf(FileSystemException.class);
        Files.writeString(dangling, "created through link");
        assertThat(Files.readString(r.resolve("nowhere"))).isEqualTo("created through link");
    }

    // ------------------------------------------------------------------ copy and move

    @ParameterizedTest
    @EnumSource(Target.class)
    void copiesWithAndWithoutOptions(Target t) throws IOException {
        Path r = root(t);
        Path src = Files.writeString(r.resolve("src"), "source");
        FileTime old = FileTime.from(1_600_000_000L, TimeUnit.SECONDS);
        Files.setLastModifiedTime(src, old);
        Files.copy(src, r.resolve("plain"));
        assertThat(Files.readString(r.resolve("plain"))).isEqualTo("source");
        assertThat(Files.getLastModifiedTime(r.resolve("plain"))).isNotEqualTo(old);
        assertThatThrownBy(() -> Files.copy(src, r.resolve("plain"))).isInstanceOf(FileAlreadyExistsException.class);
        Files.writeString(src, "changed");
        Files.setLastModifiedTime(src, old);
        Files.copy(src, r.resolve("plain"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(Files.readString(r.resolve("plain"))).isEqualTo("changed");
        assertThat(Files.getLastModifiedTime(r.resolve("plain"))).isEqualTo(old);
        Path link = Files.createSymbolicLink(r.resolve("link"), src);
        Files.copy(link, r.resolve("linkcopy"), LinkOption.NOFOLLOW_LINKS);
        assertThat(Files.isSymbolicLink(r.resolve("linkcopy"))).isTrue();
        Files.copy(link, r.resolve("followed"));
        assertThat(Files.isSymbolicLink(r.resolve("followed"))).isFalse();
        Files.createDirectories(r.resolve("dir/child"));
        Files.copy(r.resolve("dir"), r.resolve("dircopy"));
        try (Stream<Path> s = Files.list(r.resolve("dircopy"))) {
            assertThat(s.count()).isZero();
        }
        assertThatThrownBy(() -> Files.copy(src, r.resolve("dir"), StandardCopyOption.REPLACE_EXISTING))
                .isInstanceOf(DirectoryNotEmptyException.class);
        Files.copy(src, src);
        assertThatThrownBy(() -> Files.copy(r.resolve("missing"), r.resolve("x")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void movesAndRenames(Target t) throws IOException {
        Path r = root(t);
        Path a = Files.writeString(r.resolve("a"), "A");
        Path b = Files.move(a, r.resolve("b"));
        assertThat(Files.exists(a)).isFalse();
        assertThat(Files.readString(b)).isEqualTo("A");
        Files.writeString(r.resolve("c"), "C");
        assertThatThrownBy(() -> Files.move(b, r.resolve("c"))).isInstanceOf(FileAlreadyExistsException.class);
        Files.move(b, r.resolve("c"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(r.resolve("c"))).isEqualTo("A");
        Files.writeString(r.resolve("d"), "D");
        Files.move(r.resolve("d"), r.resolve("c"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.readString(r.resolve("c"))).isEqualTo("D");
        Files.createDirectories(r.resolve("dir/sub"));
        Files.writeString(r.resolve("dir/sub/f"), "f");
        Files.move(r.resolve("dir"), r.resolve("moved"));
        assertThat(Files.readString(r.resolve("moved/sub/f"))).isEqualTo("f");
        Files.createDirectories(r.resolve("full/x"));
        assertThatThrownBy(() -> Files.move(r.resolve("c"), r.resolve("full"), StandardCopyOption.REPLACE_EXISTING))
                .isInstanceOf(DirectoryNotEmptyException.class);
        assertThatThrownBy(() -> Files.move(r.resolve("missing"), r.resolve("y")))
                .isInstanceOf(NoSuchFileException.class);
        Files.move(r.resolve("c"), r.resolve("c"));
        assertThat(Files.exists(r.resolve("c"))).isTrue();
    }

    // ------------------------------------------------------------------ attributes

    @ParameterizedTest
    @EnumSource(Target.class)
    void basicAndPosixAttributes(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.writeString(r.resolve("f"), "12345");
        FileTime when = FileTime.from(1_700_000_000_123_456L, TimeUnit.MICROSECONDS);
        Files.setLastModifiedTime(f, when);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(when);
        Files.getFileAttributeView(f, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(null, when, null);
        assertThat(Files.readAttributes(f, BasicFileAttributes.class).lastAccessTime()).isEqualTo(when);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        PosixFileAttributes pa = Files.readAttributes(f, PosixFileAttributes.class);
        assertThat(pa.size()).isEqualTo(5);
        assertThat(pa.isRegularFile()).isTrue();
        assertThat(pa.fileKey()).isNotNull().isEqualTo(Files.readAttributes(f, BasicFileAttributes.class).fileKey());
        Map<String, Object> all = Files.readAttributes(f, "posix:*");
        assertThat(all.keySet()).contains("lastModifiedTime", "lastAccessTime", "creationTime", "size",
                "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey", "permissions", "owner",
                "group");
        Map<String, Object> some = Files.readAttributes(f, "posix:size,permissions");
        assertThat(some).containsOnlyKeys("size", "permissions");
        assertThat(some.get("size")).isEqualTo(5L);
        assertThat(Files.readAttributes(f, "size,isDirectory")).containsEntry("isDirectory", false);
        Files.setAttribute(f, "posix:permissions", PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0100700);
        assertThatThrownBy(() -> Files.readAttributes(f, "posix:nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Files.readAttributes(f, "nosuchview:*"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Files.getFileAttributeView(f, PosixFileAttributeView.class).getOwner()).isNotNull();
        Path link = Files.createSymbolicLink(r.resolve("l"), f);
        assertThat(Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink())
                .isTrue();
        assertThat(Files.isHidden(r.resolve(".hidden"))).isTrue();
        assertThatThrownBy(() -> Files.getLastModifiedTime(r.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void accessChecks(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.writeString(r.resolve("f"), "x");
        assertThat(Files.isReadable(f)).isTrue();
        assertThat(Files.isWritable(f)).isTrue();
        assertThat(Files.isExecutable(r)).isTrue();
        assertThat(Files.isReadable(r.resolve("missing"))).isFalse();
        assertThatThrownBy(() -> r.getFileSystem().provider().checkAccess(r.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void userDefinedAttributes(Target t) throws IOException {
        Path r = root(t);
        Path f = Files.writeString(r.resolve("f"), "x");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        Assumptions.assumeTrue(view != null && supportsUserXattrs(view), "host has no user xattrs here");
        view.write("color", ByteBuffer.wrap(bytes("blue")));
        assertThat(view.list()).contains("color");
        assertThat(view.size("color")).isEqualTo(4);
        ByteBuffer dst = ByteBuffer.allocate(4);
        view.read("color", dst);
        assertThat(new String(dst.array(), StandardCharsets.UTF_8)).isEqualTo("blue");
        assertThat((byte[]) Files.getAttribute(f, "user:color")).isEqualTo(bytes("blue"));
        view.delete("color");
        assertThat(view.list()).doesNotContain("color");
        assertThatThrownBy(() -> view.size("color")).isInstanceOf(FileSystemException.class);
    }

    private static boolean supportsUserXattrs(UserDefinedFileAttributeView view) {
        try {
            view.write("probe", ByteBuffer.wrap(new byte[] {1}));
            view.delete("probe");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void fileStoreReportsSpace(Target t) throws IOException {
        Path r = root(t);
        FileStore store = Files.getFileStore(r);
        assertThat(store.getTotalSpace()).isPositive();
        assertThat(store.getUnallocatedSpace()).isBetween(1L, store.getTotalSpace());
        assertThat(store.getUsableSpace()).isLessThanOrEqualTo(store.getTotalSpace());
        assertThat(store.supportsFileAttributeView("basic")).isTrue();
        assertThat(store.supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();
        assertThat(store.isReadOnly()).isFalse();
        assertThatThrownBy(() -> Files.getFileStore(r.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }

    // ------------------------------------------------------------------ watching

    @ParameterizedTest
    @EnumSource(Target.class)
    void watchServiceReportsCreateModifyDelete(Target t) throws Exception {
        Path r = root(t);
        try (WatchService ws = r.getFileSystem().newWatchService()) {
            WatchKey key = r.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            assertThat(key.watchable()).isEqualTo(r);
            Path f = Files.createFile(r.resolve("watched"));
            assertThat(nextEvents(ws)).contains("ENTRY_CREATE watched");
            Files.writeString(f, "change");
            assertThat(nextEvents(ws)).contains("ENTRY_MODIFY watched");
            Files.delete(f);
            assertThat(nextEvents(ws)).contains("ENTRY_DELETE watched");
            key.cancel();
            assertThat(key.isValid()).isFalse();
        }
    }

    /** A watch key belongs to its directory (as an inotify watch does): it follows a rename. */
    @ParameterizedTest
    @EnumSource(Target.class)
    void watchKeyFollowsItsDirectoryAcrossRenames(Target t) throws Exception {
        Path r = root(t);
        Path w = Files.createDirectory(r.resolve("w"));
        try (WatchService ws = r.getFileSystem().newWatchService()) {
            WatchKey key = w.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            Files.move(w, r.resolve("w2"));
            Files.createFile(r.resolve("w2").resolve("inside"));
            assertThat(nextEvents(ws)).containsExactly("ENTRY_CREATE inside");
            Files.createDirectory(w); // a new directory at the old path is not watched
            Files.createFile(w.resolve("other"));
            assertThat(ws.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(key.watchable()).isEqualTo(w);
        }
    }

    /** Events of keys signalled until the service is quiet (waits up to 10 s for the first). */
    private static List<String> nextEvents(WatchService ws) throws InterruptedException {
        List<String> out = new ArrayList<>();
        WatchKey key = ws.poll(10, TimeUnit.SECONDS);
        while (key != null) {
            for (WatchEvent<?> e : key.pollEvents()) {
                out.add(e.kind().name() + " " + e.context());
            }
            key.reset();
            key = ws.poll(200, TimeUnit.MILLISECONDS);
        }
        return out;
    }
}
