-- The survey question bank last fetched from the server, for surveys while offline.
CREATE TABLE survey_bank_cache (
    id         INT             NOT NULL PRIMARY KEY,
    body       VARCHAR(100000) NOT NULL,
    fetched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
