package io.openfraud.features.online;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.EntityStates;

/**
 * Where online entity state lives (Redis in feature-service, a map in tests). The fold itself is Java
 * ({@link OnlineFeatures}); the store only reads and writes serialised states, atomically.
 */
public interface StateStore {

    /** Outcome of {@link #commit}. */
    enum Commit {
        /** The new states are written and the transaction is marked folded, in one atomic step. */
        FOLDED,
        /** Someone folded this transaction already: nothing written. */
        ALREADY_FOLDED,
        /** A state changed since the snapshot (another writer, or an erasure): nothing written, read again. */
        CONFLICT
    }

    /** One read: the folded marker, the customer's erasure and the entities' states. */
    Snapshot load(MaskedTransaction t);

    /**
     * Writes {@code after} for the entities of {@code t} and marks {@code t} folded, atomically, if and only if it
     * was not folded yet and every state (and the erasure flag) is still what {@code before} saw.
     */
    Commit commit(MaskedTransaction t, Snapshot before, EntityStates after);
}
