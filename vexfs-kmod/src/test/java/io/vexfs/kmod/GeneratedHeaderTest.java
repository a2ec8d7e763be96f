package io.vexfs.kmod;

import io.vexfs.core.format.CHeaderGenerator;
import io.vexfs.core.format.FormatStructs;
import io.vexfs.core.format.StructDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The checked-in C header is exactly what the generator prints, and it compiles warning-free in userspace. */
class GeneratedHeaderTest {

    private static final Path HEADER = Proc.moduleDir().resolve("include/vexfs_format.h");

    @Test
    void checkedInHeaderMatchesGenerator() throws Exception {
        String expected = CHeaderGenerator.generate();
        if (Boolean.getBoolean("vexfs.regenerateHeader")) {
            Files.writeString(HEADER, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(HEADER) ? Files.readString(HEADER, StandardCharsets.UTF_8) : "<missing>";
        assertThat(actual)
                .as("%s is stale. Regenerate it with\n  mvn -pl vexfs-kmod -am verify -Dvexfs.regenerateHeader=true\n"
                        + "or: java -cp vexfs-core/target/classes:vexfs-api/target/classes "
                        + "io.vexfs.core.format.CHeaderGenerator vexfs-kmod/include/vexfs_format.h", HEADER)
                .isEqualTo(expected);
    }

    @Test
    void headerCompilesInUserspaceAndSizesAgreeWithJava(@TempDir Path tmp) throws Exception {
        StringBuilder c = new StringBuilder();
        c.append("#include <stdio.h>\n#include \"vexfs_format.h\"\n");
        c.append("int main(void)\n{\n");
        for (StructDef s : FormatStructs.ALL) {
            c.append("\tprintf(\"%s %zu\\n\", \"").append(s.name()).append("\", sizeof(struct ").append(s.name())
                    .append("));\n");
            for (StructDef.Field f : s.fields()) {
                c.append("\tprintf(\"%s.%s @%zu\\n\", \"").append(s.name()).append("\", \"").append(f.name())
                        .append("\", offsetof(struct ").append(s.name()).append(", ").append(f.name()).append("));\n");
            }
        }
        c.append("\tprintf(\"magic %x\\n\", VEXFS_SUPER_MAGIC);\n");
        c.append("\tprintf(\"euclean %d\\n\", VEXFS_EUCLEAN);\n");
        c.append("\treturn 0;\n}\n");
        Files.writeString(tmp.resolve("t.c"), c.toString());
        Proc.Result cc = Proc.run(tmp, 120, "gcc", "-Wall", "-Wextra", "-Werror", "-std=c11", "-pedantic",
                "-I" + HEADER.getParent(), "t.c", "-o", "t");
        assertThat(cc.exit()).as("gcc failed:\n%s", cc.output()).isZero();
        Proc.Result run = Proc.run(tmp, 30, tmp.resolve("t").toString());
        assertThat(run.exit()).isZero();
        StringBuilder want = new StringBuilder();
        for (StructDef s : FormatStructs.ALL) {
            want.append(s.name()).append(' ').append(s.size()).append('\n');
            for (StructDef.Field f : s.fields()) {
                want.append(s.name()).append('.').append(f.name()).append(" @").append(f.offset()).append('\n');
            }
        }
        want.append("magic ").append(Integer.toHexString(FormatStructs.SUPER_MAGIC)).append('\n');
        want.append("euclean -117\n");
        assertThat(run.output()).isEqualTo(want.toString());
    }
}
