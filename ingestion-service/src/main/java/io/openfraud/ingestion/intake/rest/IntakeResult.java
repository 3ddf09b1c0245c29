package io.openfraud.ingestion.intake.rest;

/**
 * Answer to an intake.
 *
 * @param transactionId the client's id
 * @param status        ACCEPTED or DUPLICATE
 */
public record IntakeResult(String transactionId, String status) {
}
