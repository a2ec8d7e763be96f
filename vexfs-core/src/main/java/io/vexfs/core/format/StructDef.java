package io.vexfs.core.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed on-disk structure: named little-endian fields at explicit offsets, padding spelled out.
 * Codecs read offsets from here and the C header generator prints the same definition, so Java and
 * C cannot drift apart.
 */
public final class StructDef {

    /** Primitive kinds of a field. */
    public enum Kind {
        U8(1, "__u8"), U16(2, "__le16"), U32(4, "__le32"), U64(8, "__le64"), I64(8, "__le64"), BYTES(1, "__u8"),
        STRUCT(0, null);

        final int width;
        final String cType;

        Kind(int width, String cType) {
            this.width = width;
            this.cType = cType;
        }
    }

    /**
     * One field.
     *
     * @param name   C field name
     * @param kind   primitive kind
     * @param offset byte offset in the struct
     * @param size   bytes in total (width × count)
     * @param count  array length, 1 for scalars
     * @param element struct type of a STRUCT array, else null
     */
    public record Field(String name, Kind kind, int offset, int size, int count, StructDef element) {
    }

    private final String name;
    private final String doc;
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, Field> byName = new HashMap<>();
    private int size;
    private boolean sealed;

    StructDef(String name, String doc) {
        this.name = name;
        this.doc = doc;
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public int size() {
        return size;
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The field called {@code fieldName}; fails fast on a typo. */
    public Field field(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException(name + " has no field " + fieldName);
        }
        return f;
    }

    /** Offset of a field. */
    public int off(String fieldName) {
        return field(fieldName).offset();
    }

    private StructDef add(String fieldName, Kind kind, int width, int count, StructDef element) {
        if (sealed) {
            throw new IllegalStateException(name + " is sealed");
        }
        Field f = new Field(fieldName, kind, size, width * count, count, element);
        fields.add(f);
        byName.put(fieldName, f);
        size += width * count;
        return this;
    }

    StructDef u8(String n) {
        return add(n, Kind.U8, 1, 1, null);
    }

    StructDef u16(String n) {
        return add(n, Kind.U16, 2, 1, null);
    }

    StructDef u32(String n) {
        return add(n, Kind.U32, 4, 1, null);
    }

    StructDef u64(String n) {
        return add(n, Kind.U64, 8, 1, null);
    }

    StructDef i64(String n) {
        return add(n, Kind.I64, 8, 1, null);
    }

    StructDef bytes(String n, int count) {
        return add(n, Kind.BYTES, 1, count, null);
    }

    StructDef u64s(String n, int count) {
        return add(n, Kind.U64, 8, count, null);
    }

    StructDef array(String n, StructDef element, int count) {
        return add(n, Kind.STRUCT, element.size(), count, element);
    }

    /** Ends the definition and checks it is exactly {@code expected} bytes. */
    StructDef end(int expected) {
        if (size != expected) {
            throw new IllegalStateException(name + " is " + size + " bytes, expected " + expected);
        }
        sealed = true;
        return this;
    }
}
