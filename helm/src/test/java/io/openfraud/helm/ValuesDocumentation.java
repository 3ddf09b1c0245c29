package io.openfraud.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * helm-docs convention: a value is documented by a {@code # --} comment block right above its key, or by one above
 * an enclosing key (a documented map documents its entries). Lists items are part of their key.
 */
final class ValuesDocumentation {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");

    private ValuesDocumentation() {
    }

    /** Dotted paths of leaf values that no {@code # --} comment documents. */
    static List<String> undocumentedLeaves(Path values) throws IOException {
        List<String> lines = Files.readAllLines(values);
        List<String> undocumented = new ArrayList<>();
        record Key(int indent, String path, boolean documented) {
        }
        Deque<Key> stack = new ArrayDeque<>();
        boolean commentAbove = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                if (trimmed.startsWith("# --")) {
                    commentAbove = true;
                }
                continue;
            }
            if (trimmed.isEmpty()) {
                commentAbove = false;
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.matches() || trimmed.startsWith("-")) {
                commentAbove = false;
                continue;
            }
            int indent = key.group(1).length();
            while (!stack.isEmpty() && stack.peek().indent() >= indent) {
                stack.pop();
            }
            boolean parentDocumented = !stack.isEmpty() && stack.peek().documented();
            String path = (stack.isEmpty() ? "" : stack.peek().path() + ".") + key.group(2);
            boolean documented = commentAbove || parentDocumented;
            commentAbove = false;
            String rest = key.group(3).trim();
            boolean leaf = !rest.isEmpty() && !rest.startsWith("#") || !hasChildren(lines, i, indent);
            if (leaf && !documented) {
                undocumented.add(path);
            }
            stack.push(new Key(indent, path, documented));
        }
        return undocumented;
    }

    /** Whether the next non-comment line is more indented (a nested map) or a list item. */
    private static boolean hasChildren(List<String> lines, int at, int indent) {
        for (int j = at + 1; j < lines.size(); j++) {
            String next = lines.get(j);
            if (next.trim().isEmpty() || next.trim().startsWith("#")) {
                continue;
            }
            int nextIndent = next.length() - next.stripLeading().length();
            return nextIndent > indent || next.trim().startsWith("-") && nextIndent >= indent;
        }
        return false;
    }
}
