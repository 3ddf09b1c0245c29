package io.openfraud.features.online;

import io.openfraud.features.EntityStates;

/**
 * What the store knew about a transaction's entities at one read.
 *
 * @param folded whether this transaction was already folded in (a redelivery, a duplicate or a SYNC copy)
 * @param erased whether its customer was erased (their customer and card state is never rebuilt)
 * @param states the states of its entities
 */
public record Snapshot(boolean folded, boolean erased, EntityStates states) {

    /** A store that has never seen anything. */
    public static final Snapshot EMPTY = new Snapshot(false, false, EntityStates.EMPTY);
}
