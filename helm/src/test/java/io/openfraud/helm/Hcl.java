package io.openfraud.helm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HCL to check Terraform text without providers: top-level blocks ({@code resource "type" "name" {...}},
 * {@code variable "x" {...}}, ...) found by brace matching that skips comments, strings and their {@code ${...}}
 * interpolations (which may nest strings), and the attribute names at a block's top level.
 */
final class Hcl {

    record Block(String kind, List<String> labels, String body) {
        String label() {
            return String.join(".", labels);
        }

        /** Attribute names assigned at the top level of the body (not inside nested blocks or objects). */
        Set<String> attributes() {
            Set<String> names = new LinkedHashSet<>();
            int[] depths = depths(body);
            Matcher m = ATTRIBUTE.matcher(body);
            while (m.find()) {
                if (depths[m.start(1)] == 0) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    private static final Pattern BLOCK_START = Pattern.compile(
            "(?m)^(resource|data|variable|output|module|provider|terraform|locals)((?:\\s+\"[^\"]*\")*)\\s*\\{");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ATTRIBUTE = Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*=(?!=)");

    private Hcl() {
    }

    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        int[] depths = depths(text);
        Matcher m = BLOCK_START.matcher(text);
        while (m.find()) {
            if (depths[m.start()] != 0) {
                continue;
            }
            int open = m.end() - 1;
            int close = open + 1;
            while (close < text.length() && (depths[close] != 0 || text.charAt(close) != '}')) {
                close++;
            }
            List<String> labels = new ArrayList<>();
            Matcher label = LABEL.matcher(m.group(2));
            while (label.find()) {
                labels.add(label.group(1));
            }
            blocks.add(new Block(m.group(1), labels, text.substring(open + 1, Math.min(close, text.length()))));
        }
        return blocks;
    }

    /**
     * Brace depth before each character, counting only braces of code (not in comments, strings or heredocs);
     * characters inside strings and comments get depth -1, so they never look like top-level code.
     */
    static int[] depths(String text) {
        int[] depths = new int[text.length() + 1];
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' || c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                fill(depths, i, end, -1);
                i = end;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                fill(depths, i, end, -1);
                i = end;
            } else if (c == '"') {
                int end = endOfString(text, i);
                fill(depths, i, end, -1);
                i = end;
            } else {
                if (c == '{') {
                    depths[i] = depth;
                    depth++;
                } else if (c == '}') {
                    depth--;
                    depths[i] = depth;
                } else {
                    depths[i] = depth;
                }
                i++;
            }
        }
        depths[text.length()] = depth;
        return depths;
    }

    /** Index after the string that starts at {@code start} (a quote), skipping nested interpolations. */
    private static int endOfString(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                i = endOfInterpolation(text, i + 2);
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int endOfInterpolation(String text, int start) {
        int depth = 1;
        int i = start;
        while (i < text.length() && depth > 0) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            i++;
        }
        return i;
    }

    private static void fill(int[] depths, int from, int to, int value) {
        for (int i = from; i < to && i < depths.length; i++) {
            depths[i] = value;
        }
    }
}
