-- Accord schema v1: people, shops, order snapshots, cases and their append-only history.
CREATE TABLE merchants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('buyer','merchant','support','mediator','arbitrator','approver','admin')),
    merchant_id   INTEGER REFERENCES merchants(id),
    phone         TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    CHECK ((role = 'merchant') = (merchant_id IS NOT NULL))
);

-- Only a hash of the cookie's token is stored: a leaked database opens no sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Orders as the marketplace pushed them; disputes are filed against these.
CREATE TABLE orders (
    order_ref     TEXT PRIMARY KEY,
    buyer_id      INTEGER NOT NULL REFERENCES users(id),
    merchant_id   INTEGER NOT NULL REFERENCES merchants(id),
    item_title    TEXT NOT NULL,
    total_minor   INTEGER NOT NULL CHECK (total_minor >= 0),
    currency      TEXT NOT NULL,
    placed_at     INTEGER NOT NULL,
    delivered_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX orders_buyer ON orders(buyer_id, placed_at);

CREATE TABLE disputes (
    id                INTEGER PRIMARY KEY,
    order_ref         TEXT NOT NULL REFERENCES orders(order_ref),
    buyer_id          INTEGER NOT NULL REFERENCES users(id),
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
    updated_at        INTEGER NOT NULL
);
CREATE INDEX disputes_buyer ON disputes(buyer_id, id);
CREATE INDEX disputes_merchant ON disputes(merchant_id, id);

-- Every transition of a case: who, when, why. Each row carries the SHA-256 of the previous
-- row of the same case and of itself, so any edit breaks the chain; triggers forbid edits.
CREATE TABLE dispute_events (
    dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
    seq         INTEGER NOT NULL,
    action      TEXT NOT NULL,
    actor_id    INTEGER NOT NULL REFERENCES users(id),
    at          INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (dispute_id, seq)
);
CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
