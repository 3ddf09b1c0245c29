package io.openfraud.features;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The states of a transaction's entities at one moment.
 *
 * @param customer     the customer's state
 * @param counterparty the counterparty's state
 * @param card         the card's state ({@link EntityState#EMPTY} for a payment without card)
 */
public record EntityStates(EntityState customer, EntityState counterparty, EntityState card) {

    /** Nothing known about any of them. */
    public static final EntityStates EMPTY = new EntityStates(EntityState.EMPTY, EntityState.EMPTY, EntityState.EMPTY);

    public EntityStates {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(card, "card");
    }

    /** The entities {@code t} touches: customer, counterparty, and its card if it has one. */
    public static List<EntityKey> keysOf(MaskedTransaction t) {
        List<EntityKey> keys = new ArrayList<>(3);
        keys.add(new EntityKey(EntityKind.CUSTOMER, t.customer().pseudonym()));
        keys.add(new EntityKey(EntityKind.COUNTERPARTY, t.counterparty().pseudonym()));
        if (t.card() != null && t.card().token() != null) {
            keys.add(new EntityKey(EntityKind.CARD, t.card().token()));
        }
        return keys;
    }

    public EntityState get(EntityKind kind) {
        return switch (kind) {
            case CUSTOMER -> customer;
            case COUNTERPARTY -> counterparty;
            case CARD -> card;
        };
    }

    public EntityStates with(EntityKind kind, EntityState state) {
        return switch (kind) {
            case CUSTOMER -> new EntityStates(state, counterparty, card);
            case COUNTERPARTY -> new EntityStates(customer, state, card);
            case CARD -> new EntityStates(customer, counterparty, state);
        };
    }
}
