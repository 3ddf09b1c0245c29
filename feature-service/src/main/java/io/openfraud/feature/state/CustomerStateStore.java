package io.openfraud.feature.state;

import io.openfraud.events.transaction.MaskedTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Customer state in Redis: a hash per pseudonym ({@code fs:cust:<pseudonym>}) and a marker per folded transaction
 * ({@code fs:folded:<transactionId>}) so a redelivery, a duplicate or a SYNC copy never counts twice.
 */
@ApplicationScoped
public class CustomerStateStore {

    /** State outlives the longest window the platform computes (7 days) with a margin. */
    static final Duration TTL = Duration.ofDays(8);

    private final HashCommands<String, String, Long> hashes;
    private final ValueCommands<String, String> markers;
    private final RedisDataSource redis;

    CustomerStateStore(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(Long.class);
        this.markers = redis.value(String.class);
    }

    public CustomerState load(String pseudonym) {
        Map<String, Long> fields = hashes.hgetall(key(pseudonym));
        if (fields == null || fields.isEmpty()) {
            return CustomerState.EMPTY;
        }
        Long last = fields.get("last");
        return new CustomerState(fields.getOrDefault("count", 0L), fields.getOrDefault("sum", 0L),
                last == null ? null : Instant.ofEpochMilli(last));
    }

    /** Whether this transaction was already folded in. */
    public boolean folded(String transactionId) {
        return markers.get(marker(transactionId)) != null;
    }

    /** Folds the transaction in once; returns false if it already was. */
    public boolean foldOnce(MaskedTransaction t) {
        if (!markers.setnx(marker(t.transactionId()), "1")) {
            return false;
        }
        redis.key().expire(marker(t.transactionId()), TTL);
        String key = key(t.customer().pseudonym());
        hashes.hincrby(key, "count", 1);
        hashes.hincrby(key, "sum", t.amountMinor());
        Long last = hashes.hget(key, "last");
        long eventTime = t.timestamp().toEpochMilli();
        if (last == null || last < eventTime) {
            hashes.hset(key, "last", eventTime);
        }
        redis.key().expire(key, TTL);
        return true;
    }

    private static String key(String pseudonym) {
        return "fs:cust:" + pseudonym;
    }

    private static String marker(String transactionId) {
        return "fs:folded:" + transactionId;
    }
}
