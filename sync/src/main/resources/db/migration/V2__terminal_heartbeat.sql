-- What a terminal said in its last heartbeat.
ALTER TABLE terminal ADD COLUMN last_seen TIMESTAMP WITH TIME ZONE;
ALTER TABLE terminal ADD COLUMN pending_events BIGINT;
ALTER TABLE terminal ADD COLUMN panel_state VARCHAR(10);
ALTER TABLE terminal ADD COLUMN app_version VARCHAR(64);
