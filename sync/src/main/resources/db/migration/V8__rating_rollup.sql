-- Satisfaction roll-ups (số liệu tổng hợp), maintained at ingest in the batch's transaction: a report reads one
-- row per period, agency and group instead of every rating (PERFORMANCE.md: reports at 10 million ratings).
-- period_kind 'D' is a day, 'M' a month (period_start its first day); dimension ALL serves the whole selection
-- and groupings by agency, day and month; COUNTER, OFFICER, PROCEDURE and TERMINAL hold their key in dim_key
-- ('' where the rating had none), monthly only (daily rows per officer would outnumber the ratings; a report
-- reads the ratings for the days of a partial month in those groupings). Counts follow rating.counted: satisfied/neutral/dissatisfied count counted
-- ratings, re_ratings the others, reasons_* the elements named by counted dissatisfied ratings.
CREATE TABLE rating_rollup (
    dimension         VARCHAR(10) NOT NULL,
    period_kind       CHAR(1)     NOT NULL,
    period_start      DATE        NOT NULL,
    agency_code       VARCHAR(64) NOT NULL,
    dim_key           VARCHAR(64) NOT NULL,
    satisfied         BIGINT      NOT NULL,
    neutral           BIGINT      NOT NULL,
    dissatisfied      BIGINT      NOT NULL,
    re_ratings        BIGINT      NOT NULL,
    reasons_access    BIGINT      NOT NULL,
    reasons_procedure BIGINT      NOT NULL,
    reasons_officer   BIGINT      NOT NULL,
    reasons_result    BIGINT      NOT NULL,
    reasons_feedback  BIGINT      NOT NULL,
    CONSTRAINT pk_rating_rollup PRIMARY KEY (dimension, period_kind, period_start, agency_code, dim_key)
);

-- the ratings stored before this version
INSERT INTO rating_rollup
SELECT dimension, period_kind, period_start, agency_code, dim_key,
       SUM(CASE WHEN counted AND rating_class = 'SATISFIED' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'NEUTRAL' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted THEN 0 ELSE 1 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,ACCESS,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,PROCEDURE,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,OFFICER,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,RESULT,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN counted AND rating_class = 'DISSATISFIED' AND ',' || reasons || ',' LIKE '%,FEEDBACK,%' THEN 1 ELSE 0 END)
FROM (
    SELECT d.dimension, p.period_kind,
           CASE WHEN p.period_kind = 'D' THEN r.local_date ELSE CAST(r.local_month || '-01' AS DATE) END AS period_start,
           r.agency_code,
           CASE d.dimension WHEN 'ALL' THEN '' WHEN 'COUNTER' THEN COALESCE(r.counter_code, '')
                WHEN 'OFFICER' THEN COALESCE(r.officer_id, '') WHEN 'PROCEDURE' THEN COALESCE(r.procedure_code, '')
                ELSE r.terminal_id END AS dim_key,
           r.counted, r.rating_class, r.reasons
    FROM rating r
    CROSS JOIN (SELECT 'ALL' AS dimension UNION ALL SELECT 'COUNTER' UNION ALL SELECT 'OFFICER'
                UNION ALL SELECT 'PROCEDURE' UNION ALL SELECT 'TERMINAL') d
    CROSS JOIN (SELECT 'D' AS period_kind UNION ALL SELECT 'M') p
    WHERE p.period_kind = 'M' OR d.dimension = 'ALL'
) x
GROUP BY dimension, period_kind, period_start, agency_code, dim_key;
