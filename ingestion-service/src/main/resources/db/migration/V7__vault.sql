-- Personal-data vault (io.openfraud.ingestion.vault) with crypto-shredding.
--
-- Every data subject (customer pseudonym) has its own AES-256 data key, stored only wrapped (AES-GCM) under the
-- master key-encryption key from configuration (openfraud.vault.master-key), which never reaches the database.
-- Erasure nulls wrapped_key and deletes the ciphertext: from then on the personal data is unrecoverable, also from
-- backups taken earlier once they expire (see docs/security.md). destroyed_at is the evidence of the erasure.
CREATE TABLE subject_keys (
    subject_pseudonym  VARCHAR(128) PRIMARY KEY,
    -- id of this data key (a fresh one after an erasure), recorded with what it encrypts
    key_id             VARCHAR(40)  NOT NULL,
    -- 12-byte nonce || AES-GCM(master KEK, data key) || 16-byte tag; AAD = pseudonym and key id. NULL once destroyed.
    wrapped_key        BYTEA,
    -- id of the master key that wrapped it (master keys rotate)
    master_key_id      VARCHAR(32)  NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    destroyed_at       TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- The latest person (canonical transaction v2 customer.person) per subject, encrypted with the subject's data key.
CREATE TABLE subject_personal_data (
    subject_pseudonym  VARCHAR(128) PRIMARY KEY REFERENCES subject_keys (subject_pseudonym),
    -- raised on every change; the person of the transaction with the latest event time wins
    version            BIGINT       NOT NULL DEFAULT 1,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- event time of the transaction that carried this person
    source_time        TIMESTAMPTZ  NOT NULL,
    -- AES-GCM(subject data key, Person JSON) || 16-byte tag, with a random 96-bit nonce; AAD = pseudonym
    ciphertext         BYTEA        NOT NULL,
    nonce              BYTEA        NOT NULL,
    -- keyed HMAC-SHA256 blind index of the normalised e-mail address (a key derived from the master key)
    email_index        VARCHAR(64),
    -- the subject data key that encrypted it
    key_id             VARCHAR(40)  NOT NULL
);
CREATE INDEX subject_personal_data_email ON subject_personal_data (email_index);

-- Retention after an erasure: the subject's transactions stay (pseudonymised) for anti-money-laundering record keeping,
-- five years from each transaction; the purge deletes them after delete_after. NULL until an erasure says otherwise.
ALTER TABLE transactions
    ADD COLUMN legal_basis   VARCHAR(200),
    ADD COLUMN delete_after  TIMESTAMPTZ;
CREATE INDEX transactions_delete_after ON transactions (delete_after) WHERE delete_after IS NOT NULL;
-- The retraining export reads by event time.
CREATE INDEX transactions_event_time ON transactions (event_time);

-- Human reviews of automated decisions (decisions.reviewed), beside the decision of record on transactions. Keyed by
-- the event id, so a redelivered event is stored once; a transaction may be reviewed more than once (a case, then an
-- RGPD Art. 22 request): the latest reviewed_at is the one shown.
CREATE TABLE transaction_reviews (
    event_id           UUID         PRIMARY KEY,
    transaction_id     VARCHAR(128) NOT NULL,
    case_id            VARCHAR(128) NOT NULL,
    original_decision  VARCHAR(8)   NOT NULL,
    final_decision     VARCHAR(8)   NOT NULL,
    outcome            VARCHAR(16)  NOT NULL,
    -- pseudonymous id of the reviewer, never a name
    reviewer           VARCHAR(128) NOT NULL,
    reviewed_at        TIMESTAMPTZ  NOT NULL,
    received_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX transaction_reviews_transaction ON transaction_reviews (transaction_id, reviewed_at);
