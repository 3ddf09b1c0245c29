package io.openfraud.web.problem;

import java.util.List;

/** Thrown by services to answer with a problem: a status, a detail and, for 400, the bad fields. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        this(status, detail, errors, null);
    }

    private ProblemException(int status, String detail, List<Problem.FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 with {@code Retry-After}: the service sheds load it cannot serve in time. */
    public static ProblemException overloaded(String detail, int retryAfterSeconds) {
        return new ProblemException(503, detail, List.of(), retryAfterSeconds);
    }

    /** Seconds for a {@code Retry-After} header, if any. */
    public java.util.OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(retryAfterSeconds);
    }

    public ProblemException(int status, String detail) {
        this(status, detail, List.of());
    }

    /** A 400 naming each bad field. */
    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, detail, errors);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
