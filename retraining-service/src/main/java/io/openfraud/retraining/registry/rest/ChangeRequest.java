package io.openfraud.retraining.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of a manual promotion or rollback.
 *
 * @param reason why, for the audit trail (required)
 */
public record ChangeRequest(@NotBlank @Size(max = 2000) String reason) {
}
