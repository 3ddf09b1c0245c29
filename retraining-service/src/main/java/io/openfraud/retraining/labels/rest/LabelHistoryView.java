package io.openfraud.retraining.labels.rest;

import java.util.List;

/**
 * A transaction's current label and every label it received.
 *
 * @param transactionId the transaction
 * @param current       the label that counts (latest observed; ties by source precedence, then id)
 * @param history       every label, current first
 */
public record LabelHistoryView(String transactionId, LabelView current, List<LabelView> history) {
}
