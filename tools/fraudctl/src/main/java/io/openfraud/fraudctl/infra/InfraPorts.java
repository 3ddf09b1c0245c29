package io.openfraud.fraudctl.infra;

/**
 * The loopback ports of the stores. {@link #FIXED} are the ones the services' {@code %dev} profiles point at; other
 * values are for tests.
 */
public record InfraPorts(int kafka, int kafkaController, int postgres, int redis, int mongo) {

    /** Kafka 19092 (controller 19093), PostgreSQL 15432, Redis 16379, Mongo-wire 17017. */
    public static final InfraPorts FIXED = new InfraPorts(19092, 19093, 15432, 16379, 17017);
}
