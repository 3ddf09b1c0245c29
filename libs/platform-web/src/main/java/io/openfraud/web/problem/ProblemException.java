package io.openfraud.web.problem;

import java.util.List;

/** Thrown by services to answer with a problem: a status, a detail and, for 400, the bad fields. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
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
