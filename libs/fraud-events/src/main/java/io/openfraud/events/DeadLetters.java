package io.openfraud.events;

/**
 * Headers of a record on a {@code <topic>.dlq} dead-letter topic. The value is the original payload (for
 * {@code transactions.raw.dlq} with card numbers scrubbed); these headers say why it landed there. All but
 * {@link #REASON_CODE} are the ones the SmallRye Kafka connector's {@code dead-letter-queue} failure strategy writes.
 */
public final class DeadLetters {
    /** Human-readable reason (the failure message). */
    public static final String REASON = "dead-letter-reason";
    /** Message of the failure's cause, if it has one. */
    public static final String CAUSE = "dead-letter-cause";
    /** Class name of the failure. */
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** Class name of the failure's cause, if it has one. */
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** Topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";
    /** Partition the record was read from. */
    public static final String PARTITION = "dead-letter-partition";
    /** Offset the record was read from. */
    public static final String OFFSET = "dead-letter-offset";
    /** Stable, machine-readable reason code (see {@link ReasonCode}). */
    public static final String REASON_CODE = "dead-letter-reason-code";

    private DeadLetters() {
    }

    /** Why a record could not be processed. */
    public enum ReasonCode {
        /** Not valid JSON, or not the declared type. */
        UNPARSEABLE,
        /** Valid JSON that breaks the topic's schema. */
        SCHEMA_VIOLATION,
        /** A schema version this consumer does not know. */
        UNSUPPORTED_SCHEMA_VERSION,
        /** The envelope type does not belong on this topic. */
        WRONG_EVENT_TYPE,
        /** Processing failed after retries. */
        PROCESSING_FAILED
    }
}
