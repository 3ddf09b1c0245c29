package io.openfraud.governance.audit.service;

import java.time.Instant;

/**
 * Result of walking the audit chain.
 *
 * @param valid          whether every entry verifies
 * @param entries        how many entries were checked
 * @param brokenAt       the sequence number where verification failed (null when valid)
 * @param problem        what failed: SEQUENCE_GAP, SEQUENCE_ORDER, PREVIOUS_HASH, HASH, MAC, TRUNCATED,
 *                       ANCHOR_MISMATCH, ANCHOR_INVALID (null when valid)
 * @param verifiedAt     when the walk finished
 */
public record ChainVerification(boolean valid, long entries, Long brokenAt, String problem, Instant verifiedAt) {
}
