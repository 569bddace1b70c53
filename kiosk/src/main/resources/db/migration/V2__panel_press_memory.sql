-- The panel's sequence number of the press a rating came from, and when the kiosk read it: after a restart
-- the driver acknowledges a resend of a recently stored press again without recording it twice.
ALTER TABLE outbox ADD COLUMN device_seq INT;
ALTER TABLE outbox ADD COLUMN panel_read_at TIMESTAMP WITH TIME ZONE;
