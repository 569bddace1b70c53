-- Stored apology findings (kết quả kiểm tra phiếu xin lỗi) of settled late dossiers: returned after their due time
-- with every step completed, whose finding no longer depends on asOf. The apology report read and judged every late
-- or open dossier of the period, parsing its letters and steps (a year of a million dossiers: 32,000 rows, 0.6-1.2 s
-- on PostgreSQL); it now reads these narrow rows and judges only open or unsettled dossiers. basis is what a finding
-- also depends on (the deadline rule and a digest of the calendar): a row with another basis is judged again at
-- read time, and stored again by ApologyFindingsRefresher. dossier.apology_judged says a row here exists; the
-- import writes both in its transaction, and the refresher judges dossiers stored before this version.
CREATE TABLE apology_finding (
    code               VARCHAR(64)  NOT NULL PRIMARY KEY,
    agency_code        VARCHAR(64)  NOT NULL,
    officer_id         VARCHAR(64),
    procedure_code     VARCHAR(64)  NOT NULL,
    due_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    due_date           DATE         NOT NULL,
    returned_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    responsible_agency VARCHAR(64)  NOT NULL,
    flags              VARCHAR(200) NOT NULL,
    basis              VARCHAR(100) NOT NULL
);
CREATE INDEX ix_apology_finding_due ON apology_finding (due_date);

ALTER TABLE dossier ADD COLUMN apology_judged BOOLEAN DEFAULT FALSE NOT NULL;
DROP INDEX ix_dossier_late_or_open;
CREATE INDEX ix_dossier_late_or_open ON dossier (late_or_open, apology_judged, due_date);
