-- The server as the system of record of the whole lifecycle.
-- (Migrations run with foreign-key enforcement off and are checked with foreign_key_check
-- before they commit, so tables can be rebuilt: SQLite cannot relax a column in place.)

-- Merchants file cases too (seed 001): against a buyer on an order, or against the platform
-- with no order and no buyer. kind says which; order_ref and buyer_id become optional.
CREATE TABLE disputes_v3 (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL DEFAULT 'buyer_vs_merchant'
                      CHECK (kind IN ('buyer_vs_merchant','merchant_vs_buyer','merchant_vs_platform')),
    order_ref         TEXT REFERENCES orders(order_ref),
    buyer_id          INTEGER REFERENCES users(id),
    buyer_name        TEXT NOT NULL,
    buyer_phone       TEXT NOT NULL,
    buyer_address     TEXT NOT NULL,
    merchant_id       INTEGER NOT NULL REFERENCES merchants(id),
    category          TEXT NOT NULL,
    requested_remedy  TEXT NOT NULL,
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    currency          TEXT NOT NULL,
    description       TEXT NOT NULL,
    channel           TEXT NOT NULL,
    state             TEXT NOT NULL,
    filed_by          INTEGER NOT NULL REFERENCES users(id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK ((kind = 'merchant_vs_platform') = (order_ref IS NULL AND buyer_id IS NULL))
);
INSERT INTO disputes_v3 (id, order_ref, buyer_id, buyer_name, buyer_phone, buyer_address, merchant_id, category,
                         requested_remedy, amount_minor, currency, description, channel, state, filed_by,
                         created_at, updated_at)
    SELECT id, order_ref, buyer_id, buyer_name, buyer_phone, buyer_address, merchant_id, category, requested_remedy,
           amount_minor, currency, description, channel, state, filed_by, created_at, updated_at FROM disputes;
DROP TABLE disputes;
ALTER TABLE disputes_v3 RENAME TO disputes;
CREATE INDEX disputes_buyer ON disputes(buyer_id, id);
CREATE INDEX disputes_merchant ON disputes(merchant_id, id);
CREATE INDEX disputes_order ON disputes(order_ref, state);
--
-- cases: one document per case, every field of shared/ Case (case_codec.hpp), with its version
-- (optimistic concurrency: a stale write is refused), the earliest time the scheduler must look
-- at it, and a keyed MAC over the row and the head of its event chain, so an edited row, or a
-- history cut short, is found by `accord-server verify`.
CREATE TABLE cases (
    dispute_id   INTEGER PRIMARY KEY REFERENCES disputes(id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    body         TEXT NOT NULL,
    next_due_at  INTEGER,               -- NULL: no deadline to fire
    head_seq     INTEGER NOT NULL,      -- the last event of this case
    mac          TEXT NOT NULL
);
CREATE INDEX cases_due ON cases(next_due_at) WHERE next_due_at IS NOT NULL;

-- Every event also joins one global chain (gseq, in commit order): its MAC covers its own
-- SHA-256 and the previous event's MAC, so deleting a case's whole history breaks the chain.
-- visibility: 'all', or 'staff' for what only platform staff may see (internal notes).
-- actor_id NULL: the platform's scheduler acted (a deadline passed), not a user.
-- Rebuilt rather than altered: SQLite cannot drop a NOT NULL constraint in place.
CREATE TABLE dispute_events_v3 (
    dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
    seq         INTEGER NOT NULL,
    action      TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id),
    at          INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    gseq        INTEGER UNIQUE,
    mac         TEXT NOT NULL DEFAULT '',
    visibility  TEXT NOT NULL DEFAULT 'all' CHECK (visibility IN ('all','staff')),
    PRIMARY KEY (dispute_id, seq)
);
INSERT INTO dispute_events_v3 (dispute_id, seq, action, actor_id, at, reason, payload, prev_hash, hash)
    SELECT dispute_id, seq, action, actor_id, at, reason, payload, prev_hash, hash FROM dispute_events ORDER BY rowid;
DROP TABLE dispute_events;
ALTER TABLE dispute_events_v3 RENAME TO dispute_events;
-- Events written before this version carry no MAC yet: the server seals them once at start
-- (gseq and mac set from ''), after which a row is as immutable as every other.
CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events WHEN OLD.mac <> ''
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;

-- Approvers act at a level: a team lead approves below the manager threshold, a manager above.
ALTER TABLE users ADD COLUMN approval_level TEXT NOT NULL DEFAULT 'team_lead'
    CHECK (approval_level IN ('team_lead','manager'));

-- Messages between the parties and staff, and staff-only notes.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
    author_id   INTEGER NOT NULL REFERENCES users(id),
    visibility  TEXT NOT NULL CHECK (visibility IN ('all','staff')),
    body        TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX messages_case ON messages(dispute_id, id);
CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages
BEGIN SELECT RAISE(ABORT, 'messages are append-only'); END;

-- Evidence files: the bytes live under <data-dir>/evidence/<dispute_id>/<id>; the row and
-- an event with the SHA-256 are written in the same transaction the file is moved into place.
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    dispute_id   INTEGER NOT NULL REFERENCES disputes(id),
    uploader_id  INTEGER NOT NULL REFERENCES users(id),
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX evidence_case ON evidence(dispute_id, id);
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;

