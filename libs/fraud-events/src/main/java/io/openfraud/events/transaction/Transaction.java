package io.openfraud.events.transaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The canonical transaction, schema version 2 (version 1 documents read into it with the v2 fields absent), as
 * external producers send it (REST body, file row or {@code transactions.raw}). It may hold a full card number, CVV
 * and direct personal data: only ingestion ever sees it, and ingestion masks it before anything is stored or
 * published (personal data is stored only encrypted, apart from the transaction).
 *
 * @param transactionId client idempotency key, unique per client
 * @param timestamp     event time
 * @param type          kind of payment
 * @param amount        amount in major units of {@code currency}, positive
 * @param currency      ISO 4217 alphabetic code
 * @param customer      the paying customer, and (v2) who they are
 * @param counterparty  the receiving party (merchant, account or customer), with optional balances and (v2) merchant
 *                      name, category and location
 * @param account       optional balances of the customer's account
 * @param card          optional card data (PAN, CVV, expiry), cardholder-data zone only
 * @param channel       (v2) where the payment was made, if known
 * @param device        (v2) the device and network address it came from, if known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(
        String transactionId,
        Instant timestamp,
        TransactionType type,
        BigDecimal amount,
        String currency,
        Customer customer,
        Counterparty counterparty,
        Account account,
        Card card,
        Channel channel,
        Device device) {

    /** The newest schema version this record holds; version 1 documents are still accepted. */
    public static final int SCHEMA_VERSION = 2;

    /** A version 1 transaction: no channel, device, personal data or merchant details. */
    public Transaction(String transactionId, Instant timestamp, TransactionType type, BigDecimal amount,
            String currency, Customer customer, Counterparty counterparty, Account account, Card card) {
        this(transactionId, timestamp, type, amount, currency, customer, counterparty, account, card, null, null);
    }

    /** Always {@link #SCHEMA_VERSION} in JSON: whatever this record holds is a valid version 2 document. */
    @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY, index = 0)
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * What a version 1 reader keeps of this transaction: the v2 fields dropped (the v1 policy: ignore unknown fields,
     * never forward them). Used for documents that declare version 1 or no version.
     */
    public Transaction asVersion1() {
        return new Transaction(transactionId, timestamp, type, amount, currency,
                customer == null ? null : new Customer(customer.id()),
                counterparty == null ? null : new Counterparty(counterparty.id(), counterparty.balanceBefore(),
                        counterparty.balanceAfter()),
                account, card);
    }

    /** Where the payment was made. */
    public enum Channel {
        ONLINE, POS, ATM, MOBILE, BRANCH, OTHER
    }

    /**
     * The paying customer, identified by the client's own id (personal data: for card files it may be the card
     * number), and (v2) the person. Never logged: {@link #toString()} hides both.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Customer(String id, Person person) {
        public Customer(String id) {
            this(id, null);
        }

        @Override
        public String toString() {
            return "Customer[id=***, person=" + (person == null ? "null" : "***") + "]";
        }
    }

    /**
     * Direct personal data of a customer (v2). Ingestion stores it only encrypted with a key per data subject, so
     * that erasure can destroy the key; nothing of it is published except minimised derivations (age in years,
     * distance to the merchant, city population).
     *
     * @param firstName   given name
     * @param lastName    family name
     * @param gender      as declared by the client's system; never used as a feature
     * @param dateOfBirth date of birth
     * @param email       e-mail address (findable through a keyed blind index)
     * @param job         occupation
     * @param address     postal address
     * @param location    home coordinates
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String firstName, String lastName, String gender, LocalDate dateOfBirth, String email,
            String job, Address address, GeoPoint location) {
        @Override
        public String toString() {
            return "Person[***]";
        }
    }

    /**
     * A postal address (v2).
     *
     * @param cityPopulation population of the city, if known (Sparkov's {@code city_pop})
     * @param country        ISO 3166-1 alpha-2 code
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String street, String city, String state, String postalCode, String country,
            Long cityPopulation) {
    }

    /** WGS 84 coordinates in decimal degrees. */
    public record GeoPoint(double lat, double lon) {
    }

    /**
     * The receiving party and, where known, its balances around the transaction; (v2) for a merchant its trading
     * name, category and location.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counterparty(String id, BigDecimal balanceBefore, BigDecimal balanceAfter, String name,
            String category, GeoPoint location) {
        public Counterparty(String id) {
            this(id, null, null);
        }

        public Counterparty(String id, BigDecimal balanceBefore, BigDecimal balanceAfter) {
            this(id, balanceBefore, balanceAfter, null, null, null);
        }
    }

    /** Balances of the customer's account around the transaction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(BigDecimal balanceBefore, BigDecimal balanceAfter) {
    }

    /**
     * Card data. Never logged: {@link #toString()} shows only the last four digits.
     *
     * @param pan    primary account number, digits only
     * @param cvv    card verification value (never stored)
     * @param expiry expiry as {@code MM/YY}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String pan, String cvv, String expiry) {
        @Override
        public String toString() {
            String last4 = pan == null || pan.length() < 4 ? "" : pan.substring(pan.length() - 4);
            return "Card[pan=****" + last4 + ", cvv=" + (cvv == null ? "null" : "***") + ", expiry=**/**]";
        }
    }

    /**
     * The device and network address a payment came from (v2): personal data, published only as keyed pseudonyms.
     *
     * @param id        the client's device identifier or fingerprint
     * @param ip        IPv4 or IPv6 address
     * @param userAgent browser or app user agent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String id, String ip, String userAgent) {
        @Override
        public String toString() {
            return "Device[***]";
        }
    }
}
