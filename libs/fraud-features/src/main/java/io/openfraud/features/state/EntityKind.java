package io.openfraud.features.state;

import java.util.Locale;
import java.util.Optional;

/** The entities a transaction touches, each with its own state. */
public enum EntityKind {

    /** The paying customer, by pseudonym. */
    CUSTOMER("customer"),
    /** The receiving party (merchant or person), by pseudonym. */
    COUNTERPARTY("counterparty"),
    /** The card, by token. */
    CARD("card");

    private final String id;

    EntityKind(String id) {
        this.id = id;
    }

    /** Lower-case name, used in feature names, store keys and URLs. */
    public String id() {
        return id;
    }

    public static Optional<EntityKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (EntityKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
