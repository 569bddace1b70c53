-- The server's highestContiguousSeq from its last answer: sent events up to it may be pruned.
ALTER TABLE seq_counter ADD COLUMN covered_seq BIGINT DEFAULT 0 NOT NULL;
