package io.openfraud.events.contract;

import java.util.Objects;

/**
 * One way a JSON document breaks a schema.
 *
 * @param path    JSON Pointer (RFC 6901) of the offending value, {@code ""} for the document itself; for a missing
 *                required property, the pointer of the property that should be there (for example {@code /card/pan})
 * @param keyword the JSON Schema keyword that failed ({@code required}, {@code type}, {@code pattern}, ...), or
 *                {@link #SYNTAX} when the bytes are not a single JSON document
 * @param message what is wrong, in English, without the offending value (so it is safe to return to a client or to
 *                write into a dead-letter header)
 */
public record SchemaViolation(String path, String keyword, String message) {

    /** Keyword of a violation that says the input is not JSON at all. */
    public static final String SYNTAX = "syntax";

    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The path as a dotted field name, the way the data-quality rules name fields: {@code /card/pan} is
     * {@code card.pan}, {@code /verdict/reasons/0/code} is {@code verdict.reasons[0].code}, the document itself is
     * {@code ""}. A purely numeric object key reads like an array index; {@link #path()} is the unambiguous form.
     */
    public String field() {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder field = new StringBuilder();
        for (String token : path.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(document)" : path) + ": " + message + " [" + keyword + "]";
    }
}
