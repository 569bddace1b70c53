-- Terminals provisioned by an operator. The secret is the HMAC key the terminal signs with.
CREATE TABLE terminal (
    terminal_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    agency_code            VARCHAR(64)  NOT NULL,
    counter_code           VARCHAR(64),
    secret                 VARCHAR(128) NOT NULL,
    revoked                BOOLEAN      NOT NULL,
    provisioned_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    highest_contiguous_seq BIGINT       NOT NULL,
    last_batch_at          TIMESTAMP WITH TIME ZONE,
    clock_skew_seconds     BIGINT
);

-- Every event a terminal sent, stored or rejected: the primary key is what makes a redelivered
-- event a duplicate on every server instance sharing this database, and (terminal_id, seq) is
-- what highestContiguousSeq is computed from.
CREATE TABLE sync_event (
    event_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    terminal_id   VARCHAR(64)  NOT NULL,
    seq           BIGINT,
    event_type    VARCHAR(16),
    status        VARCHAR(10)  NOT NULL,
    reject_reason VARCHAR(500),
    content_hash  CHAR(64)     NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_sync_event_terminal_seq UNIQUE (terminal_id, seq)
);

-- Stored rating events, with the local (Asia/Ho_Chi_Minh) date and month they fall in.
CREATE TABLE rating (
    event_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    terminal_id    VARCHAR(64) NOT NULL,
    seq            BIGINT      NOT NULL,
    at_instant     TIMESTAMP WITH TIME ZONE NOT NULL,
    local_date     DATE        NOT NULL,
    local_month    CHAR(7)     NOT NULL,
    agency_code    VARCHAR(64) NOT NULL,
    counter_code   VARCHAR(64),
    officer_id     VARCHAR(64),
    procedure_code VARCHAR(64),
    dossier_code   VARCHAR(64),
    scale          SMALLINT    NOT NULL,
    rating_value   SMALLINT    NOT NULL,
    rating_class   VARCHAR(12) NOT NULL,
    channel        VARCHAR(10) NOT NULL,
    reasons        VARCHAR(100),
    CONSTRAINT fk_rating_event FOREIGN KEY (event_id) REFERENCES sync_event (event_id)
);

CREATE INDEX ix_rating_local_date ON rating (local_date);
CREATE INDEX ix_rating_dossier ON rating (dossier_code, at_instant, terminal_id, seq);
