package io.openfraud.governance.dsr.model;

/** Lifecycle of a data-subject request (after Ethyca Fides's privacy-request statuses). */
public enum DsrStatus {
    IDENTITY_UNVERIFIED, PENDING, APPROVED, IN_PROCESSING, COMPLETE, DENIED, ERROR;

    /** Whether the request still runs against its deadline. */
    public boolean open() {
        return this != COMPLETE && this != DENIED && this != ERROR;
    }
}
