-- Deployment rules set by an operator (one row; absent: the defaults).
CREATE TABLE rules (
    id                          INT          NOT NULL PRIMARY KEY,
    apology_deadline            VARCHAR(32)  NOT NULL,
    sipas_weights               VARCHAR(200) NOT NULL,
    repeated_lateness_threshold INT          NOT NULL
);
