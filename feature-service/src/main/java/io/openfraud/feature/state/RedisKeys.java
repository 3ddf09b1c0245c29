package io.openfraud.feature.state;

import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;

/**
 * The Redis layout: one string per entity holding its serialised state ({@code EntityStateCodec}), a marker per
 * folded transaction, each customer's card tokens (for erasure), and the erased pseudonyms.
 */
public final class RedisKeys {

    /** Set of erased customer pseudonyms, kept without TTL: a replay never rebuilds their state. */
    public static final String ERASED = "fs:erased";

    private RedisKeys() {
    }

    /** {@code fs:e:<kind>:<token>}: the entity's serialised state. */
    public static String entity(EntityKey key) {
        return entity(key.kind(), key.token());
    }

    public static String entity(EntityKind kind, String token) {
        return entityPrefix(kind) + token;
    }

    public static String entityPrefix(EntityKind kind) {
        return "fs:e:" + kind.id() + ":";
    }

    /** {@code fs:tx:<transactionId>}: set once the transaction is folded in. */
    public static String folded(String transactionId) {
        return "fs:tx:" + transactionId;
    }

    /** {@code fs:cards:<customer>}: the card tokens a customer used, so an erasure finds their card state. */
    public static String cardsOf(String customerPseudonym) {
        return "fs:cards:" + customerPseudonym;
    }
}
