-- Dossier records imported from the one-stop information system (domain.md §4); importing a code again
-- replaces it. Local (Asia/Ho_Chi_Minh) dates are kept beside the instants for period filters.
CREATE TABLE dossier (
    code           VARCHAR(64)   NOT NULL PRIMARY KEY,
    agency_code    VARCHAR(64)   NOT NULL,
    procedure_code VARCHAR(64)   NOT NULL,
    officer_id     VARCHAR(64),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    due_date       DATE          NOT NULL,
    returned_at    TIMESTAMP WITH TIME ZONE,
    returned_date  DATE,
    returned_month CHAR(7),
    complaints     INT           NOT NULL,
    exemption      VARCHAR(20),
    apologies      VARCHAR(20000),
    steps          VARCHAR(20000),
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dossier_returned_date ON dossier (returned_date);
CREATE INDEX ix_dossier_due_date ON dossier (due_date);

-- The working-day calendar: holidays and make-up working days (ngày làm bù), per year, edited by an operator.
CREATE TABLE calendar_day (
    calendar_date DATE        NOT NULL PRIMARY KEY,
    kind VARCHAR(10) NOT NULL
);
