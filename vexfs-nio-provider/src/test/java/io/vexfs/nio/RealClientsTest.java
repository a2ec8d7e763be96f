package io.vexfs.nio;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.NativeFSLockFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unmodified real clients on vexfs paths: Lucene, Commons Compress, the JDK's zipfs, tree copies. */
class RealClientsTest {
    @TempDir
    Path tmp;
    private FileSystem fs;

    @BeforeEach
    void open() throws IOException {
        fs = TestVolumes.create(tmp, "clients.vexfs", Map.of("size", "512m"));
    }

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    @Test
    void luceneIndexesCommitsReopensSearchesAndChecksClean() throws IOException {
        Path indexDir = Files.createDirectories(fs.getPath("/index"));
        try (NIOFSDirectory dir = new NIOFSDirectory(indexDir, NativeFSLockFactory.INSTANCE);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            assertThatThrownBy(() -> dir.obtainLock(IndexWriter.WRITE_LOCK_NAME))
                    .isInstanceOf(LockObtainFailedException.class);
            for (int i = 0; i < 10_000; i++) {
                Document doc = new Document();
                doc.add(new StringField("id", "doc" + i, Field.Store.YES));
                doc.add(new TextField("body", "document number " + i + (i % 10 == 0 ? " tenth" : " other"),
                        Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        try (NIOFSDirectory dir = new NIOFSDirectory(indexDir, NativeFSLockFactory.INSTANCE);
             DirectoryReader reader = DirectoryReader.open(dir)) {
            assertThat(reader.numDocs()).isEqualTo(10_000);
            IndexSearcher searcher = new IndexSearcher(reader);
            assertThat(searcher.count(new TermQuery(new Term("body", "tenth")))).isEqualTo(1_000);
            assertThat(searcher.count(new TermQuery(new Term("id", "doc1234")))).isEqualTo(1);
        }
        try (NIOFSDirectory dir = new NIOFSDirectory(indexDir, NativeFSLockFactory.INSTANCE);
             CheckIndex check = new CheckIndex(dir)) {
            CheckIndex.Status status = check.checkIndex();
            assertThat(status.clean).isTrue();
        }
    }

    @Test
    void luceneMMapDirectoryIsRefusedWithAHintToUseNiofs() throws IOException {
        Path indexDir = Files.createDirectories(fs.getPath("/mmap-index"));
        try (org.apache.lucene.store.Directory dir = new NIOFSDirectory(indexDir);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document doc = new Document();
            doc.add(new StringField("id", "doc", Field.Store.YES));
            writer.addDocument(doc);
            writer.commit();
        }
        try (org.apache.lucene.store.Directory dir = new org.apache.lucene.store.MMapDirectory(indexDir)) {
            assertThatThrownBy(() -> DirectoryReader.open(dir)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("NIOFSDirectory");
        }
    }

    @Test
    void commonsCompressWritesAndReadsAZip() throws IOException {
        Path zip = fs.getPath("/archive.zip");
        byte[] big = new byte[200_000];
        new Random(3).nextBytes(big);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new ZipArchiveEntry("hello.txt"));
            out.write("hello zip".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("dir/random.bin"));
            out.write(big);
            out.closeArchiveEntry();
        }
        try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry hello = zf.getEntry("hello.txt");
            try (InputStream in = zf.getInputStream(hello)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello zip");
            }
            try (InputStream in = zf.getInputStream(zf.getEntry("dir/random.bin"))) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
        }
    }

    @Test
    void jdkZipfsStacksOnAVexfsPath() throws IOException {
        Path zip = fs.getPath("/stacked.zip");
        try (FileSystem zipfs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.createDirectories(zipfs.getPath("/a/b"));
            Files.writeString(zipfs.getPath("/a/b/inner.txt"), "inside a zip inside vexfs");
        }
        assertThat(Files.size(zip)).isPositive();
        try (FileSystem zipfs = FileSystems.newFileSystem(zip)) {
            assertThat(Files.readString(zipfs.getPath("/a/b/inner.txt"))).isEqualTo("inside a zip inside vexfs");
            Files.writeString(zipfs.getPath("/second.txt"), "updated in place");
        }
        try (FileSystem zipfs = FileSystems.newFileSystem(zip)) {
            assertThat(Files.readString(zipfs.getPath("/second.txt"))).isEqualTo("updated in place");
        }
    }

    @Test
    void jdkZipfsOpensJarUrisOverVexfsWithTheEscapedSeparator() throws IOException {
        Path zip = fs.getPath("/dir/nested.zip");
        Files.createDirectories(zip.getParent());
        try (FileSystem zipfs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.writeString(zipfs.getPath("/entry.txt"), "via jar uri");
        }
        // zipfs cuts its URI at the first "!/", so the vexfs separator is written %21/ inside jar: URIs
        java.net.URI jar = java.net.URI.create("jar:" + zip.toUri().toString().replace("!/", "%21/"));
        try (FileSystem zipfs = FileSystems.newFileSystem(jar, Map.of())) {
            assertThat(Files.readString(zipfs.getPath("/entry.txt"))).isEqualTo("via jar uri");
            assertThat(FileSystems.getFileSystem(jar)).isSameAs(zipfs);
        }
        // with the plain separator zipfs takes "vexfs:<image>" for the zip file, gets the volume root (a
        // directory), refuses it, and the JDK reports that no provider could open the URI
        java.net.URI plain = java.net.URI.create("jar:" + zip.toUri());
        assertThatThrownBy(() -> FileSystems.newFileSystem(plain, Map.of()))
                .isInstanceOf(java.nio.file.ProviderNotFoundException.class);
    }

    @Test
    void copiesAWholeTreeInAndOutByteIdentical() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Random random = new Random(11);
        for (int d = 0; d < 5; d++) {
            Path dir = Files.createDirectories(source.resolve("dir" + d + "/sub é" + d));
            for (int f = 0; f < 8; f++) {
                byte[] data = new byte[random.nextInt(70_000)];
                random.nextBytes(data);
                Files.write(dir.resolve("file" + f + ".bin"), data);
            }
        }
        Path inside = fs.getPath("/imported");
        copyTree(source, inside);
        Path back = tmp.resolve("back");
        copyTree(inside, back);
        List<String> a = listing(source);
        List<String> b = listing(back);
        assertThat(b).isEqualTo(a).hasSize(5 * 2 + 5 * 8);
        for (String rel : a) {
            Path x = source.resolve(rel);
            if (Files.isRegularFile(x)) {
                assertThat(Files.readAllBytes(back.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(x));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to;
                for (Path name : from.relativize(p)) {
                    if (!name.toString().isEmpty()) {
                        target = target.resolve(name.toString());
                    }
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static List<String> listing(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
        }
        out.sort(null);
        return out;
    }

    @Test
    void streamsCopyBetweenProviders() throws IOException {
        Path host = Files.writeString(tmp.resolve("h.txt"), "host text");
        Path v = fs.getPath("/v.txt");
        try (InputStream in = Files.newInputStream(host); OutputStream out = Files.newOutputStream(v)) {
            in.transferTo(out);
        }
        Files.move(v, tmp.resolve("moved.txt"));
        assertThat(Files.readString(tmp.resolve("moved.txt"))).isEqualTo("host text");
        assertThat(Files.exists(v)).isFalse();
    }
}
