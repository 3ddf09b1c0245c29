-- Data subjects whose data is kept but not processed further (RGPD Art. 18 restriction, Art. 21 objection): their
-- transactions are left out of the retraining export. Set and lifted by gdpr.commands from governance.
CREATE TABLE subject_processing_limits (
    subject_pseudonym  varchar(128) NOT NULL,
    kind               varchar(8)   NOT NULL,
    request_id         varchar(128) NOT NULL,
    since              timestamptz  NOT NULL,
    PRIMARY KEY (subject_pseudonym, kind)
);
