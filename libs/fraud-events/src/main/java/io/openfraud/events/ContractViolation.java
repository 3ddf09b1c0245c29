package io.openfraud.events;

import io.openfraud.events.DeadLetters.ReasonCode;

/** A record that does not honour its topic's contract; carries the dead-letter reason code. */
public class ContractViolation extends RuntimeException {

    private final ReasonCode reasonCode;

    public ContractViolation(ReasonCode reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public ContractViolation(ReasonCode reasonCode, String message) {
        this(reasonCode, message, null);
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
