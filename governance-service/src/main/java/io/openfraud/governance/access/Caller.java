package io.openfraud.governance.access;

import io.openfraud.web.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;

/**
 * Who is calling, for audit entries (who and origin, PCI-DSS 10.2.2) and object-level checks (OWASP API1): a caller
 * holding only the {@code subject} role is bound to the pseudonym in its token's {@code sub} claim.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    /** {@code <token subject> [roles]}: the token's subject is a pseudonym or a staff id, never a name. */
    public String actor() {
        String name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return name + " " + new TreeSet<>(identity.getRoles());
    }

    /** The token subject (a pseudonym for data subjects, a staff id for staff). */
    public String subject() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    /** {@code rest:<client address>}. */
    public String origin() {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return "rest:" + address;
    }

    /** Whether the caller acts as a data subject only (no staff role): such a caller sees only their own data. */
    public boolean isDataSubjectOnly() {
        return identity.hasRole(Roles.SUBJECT) && !identity.hasRole(Roles.DPO) && !identity.hasRole(Roles.ADMIN)
                && !identity.hasRole(Roles.REVIEWER);
    }

    /** Whether the caller has {@code role}. */
    public boolean has(String role) {
        return identity.hasRole(role);
    }
}
