package io.vexfs.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example the way examples/README.md does and checks what it prints. */
class ExamplesTest {
    @TempDir
    Path tmp;

    interface Main {
        void run(String[] args) throws Exception;
    }

    private String run(Main main, String image) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[] {tmp.resolve(image).toString()});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    @Test
    void quickStart() throws Exception {
        String out = run(QuickStart::main, "q.vexfs");
        assertThat(out).contains("/docs/2026/hello.txt").contains("read back: hello, vexfs");
    }

    @Test
    void vectorSearch() throws Exception {
        String out = run(VectorSearch::main, "v.vexfs");
        assertThat(out).contains("/shelves/red/").contains("after rename, best: /favourite.txt");
        String firstHit = out.lines().skip(1).findFirst().orElseThrow();
        assertThat(firstHit).contains("/shelves/red/");
    }

    @Test
    void luceneOnVexfs() throws Exception {
        String out = run(LuceneOnVexfs::main, "l.vexfs");
        assertThat(out).contains("documents: 1000, matching 'seven': 143");
    }

    @Test
    void zipOnVexfs() throws Exception {
        String out = run(ZipOnVexfs::main, "z.vexfs");
        assertThat(out).contains("readme: zipped inside vexfs").contains("data/bytes.bin: 4096 bytes");
    }
}
