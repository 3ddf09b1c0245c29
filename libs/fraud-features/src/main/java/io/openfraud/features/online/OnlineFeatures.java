package io.openfraud.features.online;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.EntityStates;
import io.openfraud.features.FeatureSet;

/**
 * The online path over a {@link StateStore}: the vector of a transaction from the state before it, and its fold,
 * once. feature-service runs exactly this; the property tests run it against a map and compare with the offline
 * builder.
 */
public final class OnlineFeatures {

    /** Attempts of an optimistic fold before giving up (only concurrent writers of one entity make it retry). */
    public static final int MAX_ATTEMPTS = 16;

    private OnlineFeatures() {
    }

    /** The vector of {@code t} from a snapshot (no state changes). */
    public static double[] vector(MaskedTransaction t, Snapshot before) {
        return FeatureSet.compute(t, before.states());
    }

    /**
     * Folds {@code t} in once: from {@code first} (the snapshot its vector came from) and, on a conflict, from fresh
     * reads.
     *
     * @return {@link StateStore.Commit#FOLDED} or {@link StateStore.Commit#ALREADY_FOLDED}
     * @throws IllegalStateException after {@link #MAX_ATTEMPTS} conflicts
     */
    public static StateStore.Commit foldOnce(StateStore store, MaskedTransaction t, Snapshot first) {
        Snapshot before = first;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (before.folded()) {
                return StateStore.Commit.ALREADY_FOLDED;
            }
            EntityStates after = FeatureSet.fold(t, before.states(), !before.erased());
            StateStore.Commit commit = store.commit(t, before, after);
            if (commit != StateStore.Commit.CONFLICT) {
                return commit;
            }
            before = store.load(t);
        }
        throw new IllegalStateException("entity state kept changing under the fold of " + t.transactionId());
    }
}
