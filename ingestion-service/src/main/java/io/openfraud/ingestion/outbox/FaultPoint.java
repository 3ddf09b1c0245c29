package io.openfraud.ingestion.outbox;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * <b>Test only.</b> Crash points for the outbox's crash test: with {@code openfraud.test.fault-point} set to
 * {@value #AFTER_COMMIT_BEFORE_PUBLISH}, the process halts like {@code kill -9} (exit status 137, no shutdown hooks)
 * right after a transaction that wrote to the outbox commits, and the relay halts it before it would publish anything,
 * so the row is stored and nothing is on the topic. Absent by default; never set it in a deployment.
 */
@Singleton
public class FaultPoint {

    /** After the commit of a row and its outbox event, before the relay publishes it. */
    public static final String AFTER_COMMIT_BEFORE_PUBLISH = "after-commit-before-publish";

    /** Exit status of a process killed by SIGKILL, which is what the halt imitates. */
    static final int KILLED = 137;

    private static final Logger LOG = Logger.getLogger(FaultPoint.class);

    private final boolean afterCommitBeforePublish;

    FaultPoint(@ConfigProperty(name = "openfraud.test.fault-point") Optional<String> point) {
        Optional<String> armed = point.map(String::trim).filter(p -> !p.isEmpty());
        if (armed.isPresent() && !AFTER_COMMIT_BEFORE_PUBLISH.equals(armed.get())) {
            throw new IllegalArgumentException("openfraud.test.fault-point: unknown fault point " + armed.get()
                    + " (known: " + AFTER_COMMIT_BEFORE_PUBLISH + ")");
        }
        this.afterCommitBeforePublish = armed.isPresent();
        if (afterCommitBeforePublish) {
            LOG.warnf("TEST-ONLY fault point %s is armed: the process halts after the next outbox commit",
                    AFTER_COMMIT_BEFORE_PUBLISH);
        }
    }

    /** Halts the process if the {@value #AFTER_COMMIT_BEFORE_PUBLISH} fault point is armed; else does nothing. */
    void afterCommitBeforePublish() {
        if (afterCommitBeforePublish) {
            System.err.println("fault point " + AFTER_COMMIT_BEFORE_PUBLISH + " reached: halting with " + KILLED);
            System.err.flush();
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
