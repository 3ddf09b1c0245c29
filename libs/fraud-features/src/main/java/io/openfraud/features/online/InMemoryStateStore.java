package io.openfraud.features.online;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.EntityStates;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.EntityStateCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StateStore} in a map, holding the same serialised bytes as the Redis store: for tests, benchmarks of the
 * fold alone, and the offline builder. Synchronised, so concurrent folds behave like Redis' atomic script.
 */
public final class InMemoryStateStore implements StateStore {

    private final Map<EntityKey, byte[]> states = new HashMap<>();
    private final Set<String> folded = new HashSet<>();
    private final Set<String> erased = new HashSet<>();

    @Override
    public synchronized Snapshot load(MaskedTransaction t) {
        boolean isErased = erased.contains(t.customer().pseudonym());
        EntityStates s = EntityStates.EMPTY;
        for (EntityKey key : EntityStates.keysOf(t)) {
            s = s.with(key.kind(), EntityStateCodec.decode(states.get(key)));
        }
        return new Snapshot(folded.contains(t.transactionId()), isErased, s);
    }

    @Override
    public synchronized Commit commit(MaskedTransaction t, Snapshot before, EntityStates after) {
        if (folded.contains(t.transactionId())) {
            return Commit.ALREADY_FOLDED;
        }
        if (erased.contains(t.customer().pseudonym()) != before.erased()) {
            return Commit.CONFLICT;
        }
        for (EntityKey key : EntityStates.keysOf(t)) {
            byte[] current = states.get(key);
            byte[] expected = EntityStateCodec.encode(before.states().get(key.kind()));
            if (!Arrays.equals(current == null ? new byte[0] : current, expected)) {
                return Commit.CONFLICT;
            }
        }
        for (EntityKey key : EntityStates.keysOf(t)) {
            byte[] bytes = EntityStateCodec.encode(after.get(key.kind()));
            if (bytes.length == 0) {
                states.remove(key);
            } else {
                states.put(key, bytes);
            }
        }
        folded.add(t.transactionId());
        return Commit.FOLDED;
    }

    /** The current state of one entity. */
    public synchronized EntityState state(EntityKind kind, String token) {
        return EntityStateCodec.decode(states.get(new EntityKey(kind, token)));
    }

    /** Erases a customer's state and remembers the pseudonym (test double of the subject-data erasure). */
    public synchronized void erase(String customerPseudonym) {
        erased.add(customerPseudonym);
        states.remove(new EntityKey(EntityKind.CUSTOMER, customerPseudonym));
    }

    /** Entities held. */
    public synchronized int size() {
        return states.size();
    }
}
