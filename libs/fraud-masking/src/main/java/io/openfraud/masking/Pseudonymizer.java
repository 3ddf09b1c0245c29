package io.openfraud.masking;

/**
 * Keyed pseudonyms for customer and counterparty identifiers (RGPD Art. 4(5)): the same identifier always gives the
 * same pseudonym under one key, so features and decisions follow a customer without the platform storing who they
 * are. Erasing a subject's key entry (governance, #8) makes their pseudonym unlinkable.
 */
public final class Pseudonymizer {

    /** Characters of the hash kept: 26 base64url characters are 156 bits, ample against collisions. */
    private static final int LENGTH = 26;

    private final KeyedHash hash;

    public Pseudonymizer(byte[] key) {
        this.hash = new KeyedHash(key);
    }

    /** The pseudonym of a customer identifier ({@code cus_...}). */
    public String customer(String id) {
        return "cus_" + hash.hash("customer", requireId(id), LENGTH);
    }

    /** The pseudonym of a counterparty identifier ({@code cpt_...}). */
    public String counterparty(String id) {
        return "cpt_" + hash.hash("counterparty", requireId(id), LENGTH);
    }

    /** The pseudonym of a device identifier ({@code dev_...}). */
    public String device(String id) {
        return "dev_" + hash.hash("device", requireId(id), LENGTH);
    }

    /** The pseudonym of an IP address ({@code ip_...}). */
    public String ip(String address) {
        return "ip_" + hash.hash("ip", requireId(address), LENGTH);
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an identifier is required");
        }
        return id.strip();
    }
}
