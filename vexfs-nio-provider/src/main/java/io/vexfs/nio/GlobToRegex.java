package io.vexfs.nio;

import java.util.regex.PatternSyntaxException;

/**
 * Translates a glob (the {@link java.nio.file.FileSystem#getPathMatcher} syntax) into a regular
 * expression: {@code *} matches within a name, {@code **} across names, {@code ?} one character other
 * than '/', {@code [...]} a class ({@code [!...]} negated, never '/'), {@code {a,b}} alternatives
 * (not nested), {@code \} escapes the next character.
 */
final class GlobToRegex {
    private static final String REGEX_META = ".^$+{[]|()";

    private GlobToRegex() {
    }

    static String translate(String glob) {
        StringBuilder re = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw new PatternSyntaxException("no character to escape", glob, i - 1);
                    }
                    appendLiteral(re, glob.charAt(i++));
                }
                case '/' -> re.append('/');
                case '[' -> i = translateClass(glob, i, re);
                case '{' -> {
                    if (inGroup) {
                        throw new PatternSyntaxException("nested groups are not supported", glob, i - 1);
                    }
                    re.append("(?:(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        re.append("))");
                        inGroup = false;
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(inGroup ? ")|(?:" : ",");
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                default -> appendLiteral(re, c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("missing '}'", glob, glob.length() - 1);
        }
        return re.append('$').toString();
    }

    /** Translates the class starting after '[' at {@code i}; returns the index after its ']'. */
    private static int translateClass(String glob, int i, StringBuilder re) {
        re.append("[[^/]&&[");
        if (i < glob.length() && glob.charAt(i) == '^') {
            re.append("\\^");
            i++;
        } else {
            if (i < glob.length() && glob.charAt(i) == '!') {
                re.append('^');
                i++;
            }
            if (i < glob.length() && glob.charAt(i) == '-') {
                re.append('-');
                i++;
            }
        }
        boolean hasRangeStart = false;
        char last = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']') {
                re.append("]]");
                return i;
            }
            if (c == '/') {
                throw new PatternSyntaxException("explicit 'name separator' in class", glob, i - 1);
            }
            if (c == '\\' || c == '[' || (c == '&' && i < glob.length() && glob.charAt(i) == '&')) {
                re.append('\\');
            }
            re.append(c);
            if (c == '-') {
                if (!hasRangeStart) {
                    throw new PatternSyntaxException("invalid range", glob, i - 1);
                }
                if (i >= glob.length()) {
                    break;
                }
                c = glob.charAt(i++);
                if (c < last) {
                    throw new PatternSyntaxException("invalid range", glob, i - 3);
                }
                re.append(c);
                hasRangeStart = false;
            } else {
                hasRangeStart = true;
                last = c;
            }
        }
        throw new PatternSyntaxException("missing ']'", glob, i - 1);
    }

    private static void appendLiteral(StringBuilder re, char c) {
        if (REGEX_META.indexOf(c) >= 0 || c == '\\' || c == '*' || c == '?' || c == '}') {
            re.append('\\');
        }
        re.append(c);
    }
}
