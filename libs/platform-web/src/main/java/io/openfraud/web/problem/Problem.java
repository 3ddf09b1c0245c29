package io.openfraud.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each offending field of a bad request, so a client can fix all
 * of them at once. Never carries a stack trace, an exception class name or the rejected values (which may be card
 * numbers).
 *
 * @param type   a URI identifying the problem type
 * @param title  short summary of the problem type
 * @param status HTTP status
 * @param detail explanation of this occurrence
 * @param errors per-field errors, for 400
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The same, as a {@link MediaType}. */
    public static final MediaType MEDIA_TYPE_VALUE = MediaType.valueOf(MEDIA_TYPE);

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One bad field.
     *
     * @param field  the field, as a dotted path ({@code card.pan})
     * @param reason why it is bad, without its value
     * @param rule   the data-quality rule that failed ({@code DQ-CARD-LUHN}), where one applies
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String reason, String rule) {
        public FieldError(String field, String reason) {
            this(field, reason, null);
        }
    }
}
