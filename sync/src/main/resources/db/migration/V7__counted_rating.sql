-- Which rating counts (domain.md §2) is decided once, at ingest, instead of ranking every rating of every
-- dossier at each report: counted is false for a re-rating, and counted_dossier holds the dossier code of a
-- bound rating that counts. Its unique constraint lets only one rating count per dossier, also when two server
-- instances store ratings of the same dossier at once (the loser's batch is judged again).
ALTER TABLE rating ADD COLUMN counted BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE rating ADD COLUMN counted_dossier VARCHAR(64);

UPDATE rating SET counted = FALSE WHERE dossier_code IS NOT NULL AND EXISTS (
    SELECT 1 FROM rating e WHERE e.dossier_code = rating.dossier_code AND (e.at_instant < rating.at_instant
        OR (e.at_instant = rating.at_instant AND (e.terminal_id < rating.terminal_id
            OR (e.terminal_id = rating.terminal_id AND e.seq < rating.seq)))));
UPDATE rating SET counted_dossier = dossier_code WHERE counted AND dossier_code IS NOT NULL;

ALTER TABLE rating ADD CONSTRAINT uq_rating_counted_dossier UNIQUE (counted_dossier);
-- reports select a period, then an agency subtree
CREATE INDEX ix_rating_date_agency ON rating (local_date, agency_code);
-- superseded: ranking by dossier is done at ingest through uq_rating_counted_dossier, and reports select by
-- (local_date, agency_code); fewer indexes make each stored batch cheaper
DROP INDEX ix_rating_dossier;
DROP INDEX ix_rating_local_date;
