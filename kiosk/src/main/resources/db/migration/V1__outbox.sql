-- Every event the kiosk recorded, in seq order, with the exact JSON it sends (never changed once sent).
CREATE TABLE outbox (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    event_id      VARCHAR(36)   NOT NULL UNIQUE,
    event_type    VARCHAR(16)   NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    status        VARCHAR(10)   NOT NULL,
    reject_reason VARCHAR(500),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_outbox_status ON outbox (status, seq);

-- The last seq handed out. Kept apart from the outbox rows so it never goes back, whatever is pruned,
-- and bumped in the same transaction as the row, so a crash can neither repeat nor skip a seq.
CREATE TABLE seq_counter (
    id       INT    NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO seq_counter (id, last_seq) VALUES (1, 0);
