-- The dossier session an officer (or the one-stop software) opened: at most one, kept on disk so that it
-- survives a restart of the kiosk until it expires.
CREATE TABLE rating_session (
    id             INT         NOT NULL PRIMARY KEY,
    session_id     VARCHAR(36) NOT NULL,
    dossier_code   VARCHAR(64) NOT NULL,
    officer_id     VARCHAR(64),
    procedure_code VARCHAR(64),
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
