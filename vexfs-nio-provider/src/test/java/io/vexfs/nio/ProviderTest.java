package io.vexfs.nio;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour specific to the vexfs provider: URIs, environment, lifecycle, the vexfs views and store. */
class ProviderTest {
    @TempDir
    Path tmp;

    @Test
    void urisRoundTripIncludingNonAsciiNames() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "uri vol.vexfs")) {
            Path p = Files.createDirectories(fs.getPath("/albums/été 2024/ü/😀 #1%?"));
            URI uri = p.toUri();
            assertThat(uri.getScheme()).isEqualTo("vexfs");
            assertThat(uri.toString()).startsWith("vexfs:file:").contains("!/albums/");
            assertThat(Path.of(uri)).isEqualTo(p);
            assertThat(Path.of(URI.create(TestVolumes.volumeUri(tmp.resolve("uri vol.vexfs")) + "!/albums")))
                    .isEqualTo(fs.getPath("/albums"));
            assertThat(FileSystems.getFileSystem(TestVolumes.volumeUri(tmp.resolve("uri vol.vexfs")))).isSameAs(fs);
            assertThat(fs.getPath("relative").toUri()).isEqualTo(fs.getPath("/relative").toUri());
        }
    }

    @Test
    void openingTwiceFailsAndClosedVolumesAreGone() throws IOException {
        Path image = tmp.resolve("twice.vexfs");
        FileSystem fs = TestVolumes.create(tmp, "twice.vexfs");
        assertThatThrownBy(() -> FileSystems.newFileSystem(TestVolumes.volumeUri(image), Map.of()))
                .isInstanceOf(FileSystemAlreadyExistsException.class);
        assertThatThrownBy(() -> TestVolumes.provider().newFileSystem(image, Map.of()))
                .isInstanceOf(FileSystemAlreadyExistsException.class);
        fs.close();
        assertThatThrownBy(() -> FileSystems.getFileSystem(TestVolumes.volumeUri(image)))
                .isInstanceOf(FileSystemNotFoundException.class);
        try (FileSystem again = TestVolumes.provider().newFileSystem(image, Map.of())) {
            assertThat(again.isOpen()).isTrue();
        }
    }

    @Test
    void existingImagesOpenThroughFileSystemsNewFileSystemOfAPath() throws IOException {
        Path image = tmp.resolve("bypath.vexfs");
        try (FileSystem fs = TestVolumes.create(tmp, "bypath.vexfs")) {
            Files.writeString(fs.getPath("/hello"), "by path");
        }
        try (FileSystem fs = FileSystems.newFileSystem(image, Map.of())) {
            assertThat(fs.provider().getScheme()).isEqualTo("vexfs");
            assertThat(Files.readString(fs.getPath("/hello"))).isEqualTo("by path");
        }
    }

    @Test
    void pathFormClaimsOnlyVexfsImagesAndAbsentVexfsNames() throws IOException {
        VexfsFileSystemProvider provider = TestVolumes.provider();
        Path zip = tmp.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("e"));
        }
        assertThatThrownBy(() -> provider.newFileSystem(zip, Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        try (FileSystem zipfs = FileSystems.newFileSystem(zip)) {
            assertThat(zipfs.provider().getScheme()).isEqualTo("jar");
        }
        assertThatThrownBy(() -> provider.newFileSystem(tmp.resolve("absent.img"), Map.of("create", "true")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Files.exists(tmp.resolve("absent.img"))).isFalse();
        try (FileSystem fs = provider.newFileSystem(tmp.resolve("fresh.vexfs"), Map.of("create", "true",
                "size", "64m"))) {
            assertThat(fs.provider()).isSameAs(provider);
        }
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:" + tmp.resolve("any.img").toUri()),
                Map.of("create", "true", "size", "64m"))) {
            assertThat(Files.isDirectory(fs.getPath("/"))).isTrue();
        }
        try (FileSystem fs = provider.newFileSystem(tmp.resolve("any.img"), Map.of())) {
            assertThat(fs.isOpen()).isTrue();
        }
    }

    @Test
    void vexfsViewListsTheVectorSpacesOfAFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestVolumes.inMemory(), "no vectors in the in-memory volume");
        try (FileSystem fs = TestVolumes.create(tmp, "vectors.vexfs")) {
            Path f = Files.writeString(fs.getPath("/f"), "x");
            VexfsFileSystem vfs = (VexfsFileSystem) fs;
            vfs.volume().createVectorSpace(new io.vexfs.api.VectorSpec("clip", 3, io.vexfs.api.VectorMetric.COSINE));
            assertThat(Files.getAttribute(f, "vexfs:vectorSpaces")).isEqualTo(List.of());
            vfs.volume().setVector("/f", "clip", new float[] {1, 0, 0});
            assertThat(Files.getAttribute(f, "vexfs:vectorSpaces")).isEqualTo(List.of("clip"));
            assertThat(Files.readAttributes(f, "vexfs:*")).containsKey("vectorSpaces");
        }
    }

    @Test
    void environmentIsValidated() {
        URI uri = TestVolumes.volumeUri(tmp.resolve("env.vexfs"));
        TestVolumes.provider();
        assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of("create", "true", "colour", "red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of("create", "true", "size", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of("create", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("create");
        assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("env.vexfs");
        assertThat(MountOptions.fromEnv(Map.of("size", "3g")).sizeBytes()).isEqualTo(3L << 30);
        assertThat(MountOptions.fromEnv(Map.of("size", 4096L, "create", true)).sizeBytes()).isEqualTo(4096);
        assertThat(MountOptions.fromEnv(Map.of("metadataCacheSize", "16m")).volumeOptions().metadataCacheBytes())
                .isEqualTo(16L << 20);
        assertThat(MountOptions.fromEnv(Map.of()).sizeBytes()).isEqualTo(1L << 30);
    }

    @Test
    void closeClosesEverythingAndLaterUseFails() throws IOException {
        FileSystem fs = TestVolumes.create(tmp, "close.vexfs");
        Path f = Files.writeString(fs.getPath("/f"), "x");
        SeekableByteChannel ch = Files.newByteChannel(f);
        var ds = Files.newDirectoryStream(fs.getPath("/"));
        var entries = ds.iterator();
        WatchService ws = fs.newWatchService();
        fs.close();
        assertThat(fs.isOpen()).isFalse();
        assertThat(ch.isOpen()).isFalse();
        assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(ds::iterator).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ws::poll).isInstanceOf(ClosedWatchServiceException.class);
        assertThatThrownBy(() -> Files.readString(f)).isInstanceOf(ClosedFileSystemException.class);
        assertThatThrownBy(() -> Files.exists(f)).isInstanceOf(ClosedFileSystemException.class);
        fs.close();
    }

    @Test
    void readOnlyVolumesRefuseWritesNamingThePath() throws IOException {
        Path image = tmp.resolve("ro.vexfs");
        try (FileSystem fs = TestVolumes.create(tmp, "ro.vexfs")) {
            Files.writeString(fs.getPath("/kept"), "kept");
        }
        try (FileSystem fs = TestVolumes.provider().newFileSystem(image, Map.of("readOnly", "true"))) {
            assertThat(fs.isReadOnly()).isTrue();
            assertThat(Files.readString(fs.getPath("/kept"))).isEqualTo("kept");
            assertThatThrownBy(() -> Files.writeString(fs.getPath("/new"), "x"))
                    .isInstanceOf(ReadOnlyFileSystemException.class).hasMessageContaining("/new");
            assertThatThrownBy(() -> Files.delete(fs.getPath("/kept")))
                    .isInstanceOf(ReadOnlyFileSystemException.class);
            assertThatThrownBy(() -> Files.createDirectory(fs.getPath("/d")))
                    .isInstanceOf(ReadOnlyFileSystemException.class);
            assertThat(Files.isWritable(fs.getPath("/kept"))).isFalse();
            assertThat(Files.getFileStore(fs.getPath("/")).isReadOnly()).isTrue();
        }
    }

    @Test
    void pathToFileIsUnsupported() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "file.vexfs")) {
            assertThatThrownBy(() -> fs.getPath("/a").toFile()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void mapCopiesReadOnlyAndRefusesOtherModes() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "map.vexfs")) {
            Path f = Files.writeString(fs.getPath("/m"), "abcdef");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                assertThatThrownBy(() -> ch.map(FileChannel.MapMode.READ_WRITE, 0, 6))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("/m");
                MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 1, 3, arena);
                assertThat(seg.byteSize()).isEqualTo(3);
                assertThat(seg.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 'b');
                assertThat(seg.isReadOnly()).isTrue();
            }
        }
    }

    @Test
    void vexfsViewAndStoreReportCoreFigures() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "view.vexfs", Map.of("label", "photos"))) {
            Path f = Files.write(fs.getPath("/f"), new byte[10_000]);
            VexfsFileAttributes a = Files.readAttributes(f, VexfsFileAttributes.class);
            assertThat(a.inode()).isPositive();
            assertThat(a.blocks()).isGreaterThanOrEqualTo(3);
            assertThat(a.linkCount()).isEqualTo(1);
            Map<String, Object> m = Files.readAttributes(f, "vexfs:inode,generation,blocks");
            assertThat(m.get("inode")).isEqualTo(a.inode());
            assertThat(m.get("generation")).isEqualTo(a.generation());
            assertThat(Files.getFileAttributeView(f, VexfsFileAttributeView.class).readAttributes().size())
                    .isEqualTo(10_000);
            FileStore store = Files.getFileStore(f);
            assertThat(store.name()).isEqualTo("photos");
            assertThat(store.type()).isEqualTo("vexfs");
            assertThat(store.getAttribute("vexfs:blockSize")).isEqualTo(4096);
            assertThat((Long) store.getAttribute("vexfs:freeInodes")).isPositive();
            assertThat(store.getAttribute("vexfs:label")).isEqualTo("photos");
            assertThat(store.getTotalSpace()).isEqualTo(256L << 20);
            assertThatThrownBy(() -> store.getAttribute("vexfs:nope")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(fs.supportedFileAttributeViews()).contains("basic", "posix", "unix", "owner", "user", "vexfs");
        }
    }

    @Test
    void ownersAreNumericWithConfiguredNames() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "owners.vexfs")) {
            Path home = Files.createDirectory(fs.getPath("/home"));
            Files.setOwner(home, fs.getUserPrincipalLookupService().lookupPrincipalByName("1000"));
        }
        try (FileSystem fs = TestVolumes.provider().newFileSystem(tmp.resolve("owners.vexfs"), Map.of("uid", "1000",
                "gid", "100", "userName", "alice", "groupName", "staff"))) {
            UserPrincipalLookupService lookup = fs.getUserPrincipalLookupService();
            UserPrincipal alice = lookup.lookupPrincipalByName("alice");
            assertThat(alice).isEqualTo(lookup.lookupPrincipalByName("1000"));
            assertThat(alice.getName()).isEqualTo("alice");
            assertThat(lookup.lookupPrincipalByGroupName("staff").getName()).isEqualTo("staff");
            assertThatThrownBy(() -> lookup.lookupPrincipalByName("bob"))
                    .isInstanceOf(UserPrincipalNotFoundException.class);
            Path f = Files.writeString(fs.getPath("/home/mine"), "x");
            assertThat(Files.getOwner(f)).isEqualTo(alice);
            assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(1000);
        }
    }

    @Test
    void permissionsAreEnforcedForTheConfiguredUser() throws IOException {
        Path image = tmp.resolve("perm.vexfs");
        try (FileSystem fs = TestVolumes.create(tmp, "perm.vexfs")) {
            Path secret = Files.writeString(fs.getPath("/secret"), "s");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        try (FileSystem fs = TestVolumes.provider().newFileSystem(image, Map.of("uid", "1000", "gid", "1000"))) {
            assertThatThrownBy(() -> Files.readString(fs.getPath("/secret")))
                    .isInstanceOf(java.nio.file.AccessDeniedException.class).hasMessageContaining("/secret");
            assertThat(Files.isReadable(fs.getPath("/secret"))).isFalse();
        }
    }

    @Test
    void movesAcrossVolumesAndToTheHost() throws IOException {
        try (FileSystem a = TestVolumes.create(tmp, "a.vexfs"); FileSystem b = TestVolumes.create(tmp, "b.vexfs")) {
            Path f = Files.writeString(a.getPath("/f"), "moving");
            assertThatThrownBy(() -> Files.move(f, b.getPath("/f"), StandardCopyOption.ATOMIC_MOVE))
                    .isInstanceOf(AtomicMoveNotSupportedException.class);
            Files.move(f, b.getPath("/f"));
            assertThat(Files.exists(f)).isFalse();
            assertThat(Files.readString(b.getPath("/f"))).isEqualTo("moving");
            assertThatThrownBy(() -> Files.move(b.getPath("/f"), tmp.resolve("h"), StandardCopyOption.ATOMIC_MOVE))
                    .isInstanceOf(AtomicMoveNotSupportedException.class);
            Files.copy(b.getPath("/f"), tmp.resolve("h"));
            Files.copy(tmp.resolve("h"), a.getPath("/back"));
            assertThat(Files.readString(a.getPath("/back"))).isEqualTo("moving");
        }
    }

    @Test
    void watchServicesSeeChangesWhileAnyIsOpen() throws Exception {
        try (FileSystem fs = TestVolumes.create(tmp, "watchers.vexfs")) {
            Path dir = Files.createDirectory(fs.getPath("/w"));
            fs.newWatchService().close(); // the last service closing stops listening ...
            try (WatchService first = fs.newWatchService()) { // ... and the next one starts again
                dir.register(first, StandardWatchEventKinds.ENTRY_CREATE);
                WatchService second = fs.newWatchService();
                second.close(); // another service closing leaves the first listening
                Files.createFile(dir.resolve("a"));
                WatchKey key = first.poll(5, TimeUnit.SECONDS);
                assertThat(key).isNotNull();
                assertThat(key.pollEvents()).extracting(e -> e.context().toString()).containsExactly("a");
            }
        }
    }

    @Test
    void watchServiceOverflowsWhenTooManyEventsQueue() throws Exception {
        try (FileSystem fs = TestVolumes.create(tmp, "watch.vexfs"); WatchService ws = fs.newWatchService()) {
            Path dir = Files.createDirectory(fs.getPath("/w"));
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            for (int i = 0; i < VexfsWatchKey.MAX_EVENTS + 10; i++) {
                Files.createFile(dir.resolve("f" + i));
            }
            WatchKey key = ws.poll();
            assertThat(key).isNotNull();
            List<WatchEvent<?>> events = key.pollEvents();
            assertThat(events).hasSize(VexfsWatchKey.MAX_EVENTS + 1);
            assertThat(events.getLast().kind()).isEqualTo(StandardWatchEventKinds.OVERFLOW);
            assertThat(key.reset()).isTrue();
            assertThat(ws.poll()).isNull();
            assertThatThrownBy(() -> fs.getPath("/w/f1").register(ws, StandardWatchEventKinds.ENTRY_CREATE))
                    .isInstanceOf(FileSystemException.class);
        }
    }

    @Test
    void errorsNameThePathAndTheErrno() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "errors.vexfs")) {
            assertThatThrownBy(() -> Files.readString(fs.getPath("/missing/file")))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("/missing/file").hasMessageContaining("ENOENT");
            Files.createDirectories(fs.getPath("/d/e"));
            assertThatThrownBy(() -> Files.delete(fs.getPath("/d")))
                    .hasMessageContaining("/d").hasMessageContaining("ENOTEMPTY");
            assertThatThrownBy(() -> Files.write(fs.getPath("/d"), new byte[1]))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("EISDIR");
            assertThatThrownBy(() -> Files.move(fs.getPath("/d"), fs.getPath("/d/e/inside")))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("EINVAL");
            Files.createSymbolicLink(fs.getPath("/loop"), fs.getPath("/loop"));
            assertThatThrownBy(() -> fs.getPath("/loop").toRealPath())
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("/loop").hasMessageContaining("ELOOP");
        }
    }

    @Test
    void sparseFilesBeyondFourGibibytesReadBackTheirHoleAsZeros() throws IOException {
        try (FileSystem fs = TestVolumes.create(tmp, "sparse.vexfs");
             FileChannel ch = FileChannel.open(fs.getPath("/sparse"), StandardOpenOption.CREATE,
                     StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long far = 5L << 30;
            Assumptions.assumeFalse(TestVolumes.inMemory(), "the in-memory volume holds files in one array");
            ch.write(ByteBuffer.wrap("tail".getBytes(StandardCharsets.UTF_8)), far);
            assertThat(ch.size()).isEqualTo(far + 4);
            ByteBuffer hole = ByteBuffer.allocate(8);
            ch.read(hole, 1L << 32);
            assertThat(hole.array()).containsOnly(0);
            ByteBuffer tail = ByteBuffer.allocate(4);
            ch.read(tail, far);
            assertThat(new String(tail.array(), StandardCharsets.UTF_8)).isEqualTo("tail");
            assertThat(Files.readAttributes(fs.getPath("/sparse"), VexfsFileAttributes.class).blocks()).isLessThan(8);
        }
    }

    @Test
    void fullVolumesReportEnospcWithThePath() throws IOException {
        Assumptions.assumeFalse(TestVolumes.inMemory(), "the in-memory volume does not account space");
        try (FileSystem fs = TestVolumes.create(tmp, "small.vexfs", Map.of("size", "1m"))) {
            byte[] chunk = new byte[64 * 1024];
            Path f = fs.getPath("/filler");
            assertThatThrownBy(() -> {
                try (var out = Files.newOutputStream(f)) {
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                    }
                }
            }).isInstanceOf(FileSystemException.class).hasMessageContaining("ENOSPC").hasMessageContaining("/filler");
            Files.delete(f);
            Files.write(fs.getPath("/after"), chunk);
            assertThat(Files.size(fs.getPath("/after"))).isEqualTo(chunk.length);
        }
    }

    @Test
    void randomAccessContentSurvivesReopen() throws IOException {
        Path image = tmp.resolve("reopen.vexfs");
        byte[] data = "persisted across close".getBytes(StandardCharsets.UTF_8);
        try (FileSystem fs = TestVolumes.create(tmp, "reopen.vexfs")) {
            Files.write(fs.getPath("/p"), data);
        }
        try (FileSystem fs = TestVolumes.provider().newFileSystem(image, Map.of())) {
            assertThat(Files.readAllBytes(fs.getPath("/p"))).isEqualTo(data);
        }
    }
}
