-- Masked transactions: pseudonyms, card tokens with BIN and last four, amounts in minor units. Never a PAN or CVV.
CREATE TABLE transactions (
    transaction_id               VARCHAR(128) PRIMARY KEY,
    event_time                   TIMESTAMPTZ  NOT NULL,
    type                         VARCHAR(16)  NOT NULL,
    amount_minor                 BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency                     CHAR(3)      NOT NULL,
    customer_pseudonym           VARCHAR(128) NOT NULL,
    counterparty_pseudonym       VARCHAR(128) NOT NULL,
    customer_balance_before      BIGINT,
    customer_balance_after       BIGINT,
    counterparty_balance_before  BIGINT,
    counterparty_balance_after   BIGINT,
    card_token                   VARCHAR(128),
    card_bin                     VARCHAR(8),
    card_last4                   CHAR(4),
    path                         VARCHAR(8)   NOT NULL,
    received_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- the decision, once scoring has made it
    decision                     VARCHAR(8),
    score                        DOUBLE PRECISION,
    scorer                       VARCHAR(8),
    model_version                VARCHAR(64)
);
CREATE INDEX transactions_customer ON transactions (customer_pseudonym, event_time);
