-- Sessions a person can see and revoke: a public id (never the token), when each was last used
-- (idle sessions expire), and the browser and address it was opened from.
CREATE TABLE sessions_v4 (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    user_agent    TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v4 (token_hash, user_id, created_at, last_seen_at, expires_at)
    SELECT token_hash, user_id, created_at, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v4 RENAME TO sessions;
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE INDEX sessions_idle ON sessions(last_seen_at);
CREATE INDEX sessions_user ON sessions(user_id, id);
