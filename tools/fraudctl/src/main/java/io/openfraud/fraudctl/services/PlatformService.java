package io.openfraud.fraudctl.services;

/** The five services {@code fraudctl up} runs, each from its packaged Quarkus application, on a fixed port. */
public enum PlatformService {

    INGESTION("ingestion-service", 8081),
    FEATURE("feature-service", 8082),
    SCORING("scoring-service", 8083),
    RETRAINING("retraining-service", 8084),
    GOVERNANCE("governance-service", 8085);

    private final String serviceName;
    private final int port;

    PlatformService(String serviceName, int port) {
        this.serviceName = serviceName;
        this.port = port;
    }

    /** The Maven module and application name; also the name of the log and pid file. */
    public String serviceName() {
        return serviceName;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
