-- Operators other than the bootstrap admin: only the SHA-256 of their token is kept.
CREATE TABLE operator (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    role       VARCHAR(10) NOT NULL,
    token_hash CHAR(64)    NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The agency tree (mã định danh, QĐ 20/2020): a report for an agency covers it and its descendants.
CREATE TABLE agency (
    code        VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    parent_code VARCHAR(64)
);
