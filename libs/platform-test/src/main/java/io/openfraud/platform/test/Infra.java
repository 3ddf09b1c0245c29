package io.openfraud.platform.test;

/**
 * The JVM's shared stores, for tests that talk to them directly: read what a service published, send a poison pill,
 * create a database, take Redis down. The same nodes the test resources hand to Quarkus (see {@link SharedNodes}),
 * started on first use if no test resource did so yet.
 *
 * <pre>{@code
 * try (TopicTail dlq = Infra.kafka().tail("transactions.validated.dlq")) {
 *     Infra.kafka().produce("transactions.validated", "key-1", "not json".getBytes(UTF_8));
 *     ConsumerRecord<String, byte[]> dead = dlq.next(1, Duration.ofSeconds(10)).get(0);
 * }
 * }</pre>
 */
public final class Infra {

    private Infra() {
    }

    /** The shared Kafka broker. */
    public static SharedKafka kafka() {
        return new SharedKafka(SharedNodesBridge.connectionInfo("kafka"));
    }

    /** The shared PostgreSQL server. */
    public static SharedPostgres postgres() {
        return new SharedPostgres(SharedNodesBridge.connectionInfo("postgres"));
    }

    /** The shared Redis server. */
    public static SharedRedis redis() {
        return new SharedRedis(SharedNodesBridge.connectionInfo("redis"));
    }

    /** The shared MongoDB wire-compatible server. */
    public static SharedMongo mongo() {
        return new SharedMongo(SharedNodesBridge.connectionInfo("mongo"));
    }
}
