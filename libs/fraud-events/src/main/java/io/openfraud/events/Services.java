package io.openfraud.events;

/** Names of the platform's services, as they appear in envelopes ({@code producer}) and in the topic table. */
public final class Services {
    public static final String INGESTION = "ingestion-service";
    public static final String FEATURE = "feature-service";
    public static final String SCORING = "scoring-service";
    public static final String RETRAINING = "retraining-service";
    public static final String GOVERNANCE = "governance-service";
    /** Payment systems outside the platform that write the inbound topic. */
    public static final String EXTERNAL = "external producers";

    private Services() {
    }
}
