package io.openfraud.features.state;

import java.util.Objects;

/**
 * One entity: its kind and its pseudonym or token.
 *
 * @param kind  customer, counterparty or card
 * @param token the keyed pseudonym (customer, counterparty) or card token
 */
public record EntityKey(EntityKind kind, String token) {

    public EntityKey {
        Objects.requireNonNull(kind, "kind");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an entity needs its pseudonym or token");
        }
    }
}
