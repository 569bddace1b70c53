-- Counter-survey roll-ups (số liệu tổng hợp khảo sát) per agency and local month (period_start, its first day):
-- the SIPAS report for the whole selection and grouped by agency or month reads whole months here instead of
-- every survey (674 ms p95 at 300,000 surveys on PostgreSQL; PERFORMANCE.md). An item is 'R' (respondents),
-- 'E:' + element (answered; good = 4 or 5), 'C:' + assessment criterion (answered; good = true) or 'X:' +
-- expectation (named), as SurveyItems counts a survey. Monthly and whole agencies only: daily or per-officer rows
-- would outnumber the surveys. Kept at ingest (SurveyRollup); V13 adds the surveys stored before.
CREATE TABLE survey_rollup (
    period_start DATE        NOT NULL,
    agency_code  VARCHAR(64) NOT NULL,
    item         VARCHAR(80) NOT NULL,
    answers      BIGINT      NOT NULL,
    good         BIGINT      NOT NULL,
    CONSTRAINT pk_survey_rollup PRIMARY KEY (period_start, agency_code, item)
);
