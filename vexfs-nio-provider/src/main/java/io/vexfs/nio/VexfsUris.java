package io.vexfs.nio;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The {@code vexfs:} URI form: {@code vexfs:<URI of the image file>!/<path inside>}, like zipfs's
 * {@code jar:}. The inner path is percent-encoded UTF-8, so any name round-trips. For stacking inside
 * a zipfs {@code jar:} URI the separator may be written {@code %21/} (see {@link #ESCAPED_SEPARATOR}).
 */
final class VexfsUris {
    static final String SCHEME = "vexfs";
    private static final String SEPARATOR = "!/";
    /**
     * Accepted in place of {@code !/} when no {@code !/} occurs: lets a vexfs URI nest inside a zipfs
     * {@code jar:} URI, since zipfs splits its URI at the first {@code !/}
     * ({@code jar:vexfs:file:///data/v.vexfs%21/a.zip!/entry}).
     */
    private static final String ESCAPED_SEPARATOR = "%21/";
    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";

    private VexfsUris() {
    }

    /** A parsed {@code vexfs:} URI: the image URI and the (decoded) absolute path inside, "/" if absent. */
    record Parts(URI image, String innerPath) {
    }

    static Parts parse(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME)) {
            throw new IllegalArgumentException("URI scheme is not '" + SCHEME + "': " + uri);
        }
        if (!uri.isOpaque()) {
            throw new IllegalArgumentException("expected vexfs:<image URI>!/<path>, got " + uri);
        }
        String raw = uri.getRawSchemeSpecificPart();
        int sep = raw.indexOf(SEPARATOR);
        int innerStart = sep + 1;
        if (sep < 0) {
            sep = raw.toUpperCase(java.util.Locale.ROOT).indexOf(ESCAPED_SEPARATOR);
            innerStart = sep + ESCAPED_SEPARATOR.length() - 1;
        }
        String imagePart = sep < 0 ? raw : raw.substring(0, sep);
        String inner = sep < 0 ? "/" : decode(raw.substring(innerStart), uri);
        URI image;
        try {
            image = new URI(imagePart);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("bad image URI in " + uri + ": " + e.getMessage(), e);
        }
        if (!image.isAbsolute()) {
            throw new IllegalArgumentException("image URI must be absolute (e.g. file:///data/x.vexfs): " + uri);
        }
        return new Parts(image, inner);
    }

    static URI toUri(URI image, String absolutePath) {
        return URI.create(SCHEME + ":" + image.toASCIIString() + "!" + encode(absolutePath));
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && PATH_SAFE.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String raw, URI uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated percent escape in " + uri);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape in " + uri);
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else {
                int cp = raw.codePointAt(i);
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
