-- Counter survey roll-ups, maintained at ingest like rating_rollup (V8): per day 'D' and month 'M', agency and
-- dimension, one row per item: 'R' respondents; 'E:ELEMENT' an element's answers and hits (4 or 5);
-- 'C:CODE' an assessment criterion's answers and hits (true); 'X:CODE' expectations named (answers).
CREATE TABLE survey_rollup (
    dimension    VARCHAR(10)  NOT NULL,
    period_kind  CHAR(1)      NOT NULL,
    period_start DATE         NOT NULL,
    agency_code  VARCHAR(64)  NOT NULL,
    dim_key      VARCHAR(64)  NOT NULL,
    item         VARCHAR(100) NOT NULL,
    answers      BIGINT       NOT NULL,
    hits         BIGINT       NOT NULL,
    CONSTRAINT pk_survey_rollup PRIMARY KEY (dimension, period_kind, period_start, agency_code, dim_key, item)
);

-- Surveys stored before this version are rolled up by the server at its next start (SurveyRollupBackfill: the
-- answers are K=V lists that SQL alone cannot portably take apart); the flag says it has not run yet.
CREATE TABLE rollup_backfill (
    name    VARCHAR(20) NOT NULL PRIMARY KEY,
    pending BOOLEAN     NOT NULL
);
INSERT INTO rollup_backfill (name, pending) VALUES ('survey', TRUE);
