package io.openfraud.fraudctl.process;

import java.nio.file.Path;
import java.util.List;

/** Some processes did not start; those that had started were stopped again. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Cause {
        /** A port of the process was taken before it started; nothing was started. */
        PORT_IN_USE,
        /** The command could not be run at all. */
        NOT_STARTED,
        /** The process exited before it was ready. */
        EXITED,
        /** The process was not ready before the deadline. */
        TIMED_OUT
    }

    /**
     * Why one process did not start.
     *
     * @param name the process
     * @param cause what went wrong
     * @param reason what happened, in words
     * @param logFile its log, or null when it never ran
     * @param logTail the last lines of that log
     */
    public record Failure(String name, Cause cause, String reason, Path logFile, List<String> logTail) {

        public Failure {
            logTail = List.copyOf(logTail);
        }

        /** The failure as a paragraph: reason, log path, indented last log lines. */
        public String describe() {
            StringBuilder text = new StringBuilder(name).append(": ").append(reason);
            if (logFile != null) {
                text.append(System.lineSeparator()).append("  log: ").append(logFile);
                if (!logTail.isEmpty()) {
                    text.append(System.lineSeparator()).append("  last lines:");
                    logTail.forEach(line -> text.append(System.lineSeparator()).append("    ").append(line));
                }
            }
            return text.toString();
        }
    }

    private final transient List<Failure> failures;

    public StartupException(List<Failure> failures) {
        super(summary(failures));
        this.failures = List.copyOf(failures);
    }

    public List<Failure> failures() {
        return failures;
    }

    public boolean hasCause(Cause cause) {
        return failures.stream().anyMatch(failure -> failure.cause() == cause);
    }

    private static String summary(List<Failure> failures) {
        StringBuilder text = new StringBuilder();
        for (Failure failure : failures) {
            if (text.length() > 0) {
                text.append(System.lineSeparator());
            }
            text.append(failure.describe());
        }
        return text.toString();
    }
}
