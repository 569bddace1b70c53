-- The survey question bank kiosks show and the server accepts (one row; absent: the built-in default).
CREATE TABLE survey_bank (
    id         INT            NOT NULL PRIMARY KEY,
    body       VARCHAR(100000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Stored survey events (khảo sát tại quầy): answers per element, yes/no assessments, expectations.
CREATE TABLE survey (
    event_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    terminal_id    VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,
    at_instant     TIMESTAMP WITH TIME ZONE NOT NULL,
    local_date     DATE          NOT NULL,
    local_month    CHAR(7)       NOT NULL,
    agency_code    VARCHAR(64)   NOT NULL,
    counter_code   VARCHAR(64),
    officer_id     VARCHAR(64),
    procedure_code VARCHAR(64),
    dossier_code   VARCHAR(64),
    answers        VARCHAR(200),
    assessments    VARCHAR(4000),
    expectations   VARCHAR(400),
    CONSTRAINT fk_survey_event FOREIGN KEY (event_id) REFERENCES sync_event (event_id)
);
CREATE INDEX ix_survey_local_date ON survey (local_date);
