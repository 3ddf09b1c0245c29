-- Data subjects kept out of training (gdpr.commands): RESTRICT (Art. 18) and OBJECT (Art. 21) until lifted, ERASE for
-- good (a subject's transactions retained elsewhere for AML never train a model again). The trainer skips their
-- exported transactions. One row per subject and kind, so a redelivered command changes nothing.
CREATE TABLE subject_training_exclusions (
    subject_pseudonym VARCHAR(128) NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    request_id        VARCHAR(128) NOT NULL,
    since             TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subject_pseudonym, kind)
);
