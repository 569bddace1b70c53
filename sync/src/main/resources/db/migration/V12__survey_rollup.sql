-- Counter-survey roll-ups (số liệu tổng hợp khảo sát) per agency and local day ('D') or month ('M', period_start
-- its first day): the SIPAS report for the whole selection and grouped by agency, day or month reads them instead
-- of every survey (674 ms p95 at 300,000 surveys, 1.3 s for 15 days under load at a million; PERFORMANCE.md).
-- An item is 'R' (respondents), 'E:' + element (answered; good = 4 or 5), 'C:' + assessment criterion (answered;
-- good = true) or 'X:' + expectation (named), as SurveyItems counts a survey. Whole agencies only: a row per
-- officer or counter and day would outnumber the surveys. The database sums the rows of a selection, so a report
-- reads a few dozen sums, not the surveys. Kept at ingest (SurveyRollup); V13 adds the surveys stored before.
CREATE TABLE survey_rollup (
    period_kind  CHAR(1)     NOT NULL,
    period_start DATE        NOT NULL,
    agency_code  VARCHAR(64) NOT NULL,
    item         VARCHAR(80) NOT NULL,
    answers      BIGINT      NOT NULL,
    good         BIGINT      NOT NULL,
    CONSTRAINT pk_survey_rollup PRIMARY KEY (period_kind, period_start, agency_code, item)
);
