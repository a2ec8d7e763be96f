package io.vexfs.examples;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.NIOFSDirectory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Apache Lucene keeps its index inside a vexfs volume, unmodified: NIOFSDirectory over a vexfs path.
 * Usage: {@code LuceneOnVexfs [image]}.
 */
public final class LuceneOnVexfs {
    private LuceneOnVexfs() {
    }

    public static void main(String[] args) throws IOException {
        Path image = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vexfs-lucene").resolve("l.vexfs");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("vexfs:" + image.toUri()),
                Map.of("create", "true", "size", "256m"))) {
            Path indexDir = Files.createDirectories(fs.getPath("/index"));
            try (NIOFSDirectory dir = new NIOFSDirectory(indexDir);
                 IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < 1000; i++) {
                    Document d = new Document();
                    d.add(new TextField("body", (i % 7 == 0 ? "seven " : "") + "document number " + i, Field.Store.YES));
                    w.addDocument(d);
                }
                w.commit();
            }
            try (NIOFSDirectory dir = new NIOFSDirectory(indexDir);
                 DirectoryReader r = DirectoryReader.open(dir)) {
                int hits = new IndexSearcher(r).count(new TermQuery(new Term("body", "seven")));
                System.out.println("documents: " + r.numDocs() + ", matching 'seven': " + hits);
            }
            try (var files = Files.list(indexDir)) {
                System.out.println("index files in the volume: " + files.count());
            }
        }
    }
}
