package io.openfraud.web.security;

import java.util.List;

/**
 * The platform's roles, carried in the JWT {@code groups} claim. Every REST operation names the roles that may call
 * it ({@code @RolesAllowed}); anything not declared is denied
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints=true}).
 */
public final class Roles {
    /** Operators: configuration, model promotion, everything administrative. */
    public static final String ADMIN = "admin";
    /** Fraud analysts: read transactions, decisions and alerts; resolve cases. */
    public static final String ANALYST = "analyst";
    /** Human reviewers of automated decisions (RGPD Art. 22). */
    public static final String REVIEWER = "reviewer";
    /** The data-protection officer: data-subject requests, record of processing, audit. */
    public static final String DPO = "dpo";
    /** A data subject exercising their own rights. */
    public static final String SUBJECT = "subject";
    /** Another service or a payment system calling machine to machine. */
    public static final String SERVICE = "service";

    /** Every role, in a fixed order. */
    public static final List<String> ALL = List.of(ADMIN, ANALYST, REVIEWER, DPO, SUBJECT, SERVICE);

    /** Issuer every platform token carries ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "openfraud";

    private Roles() {
    }
}
