-- GET /metrics counts cases by state on every scrape: from this index, not the whole table.
CREATE INDEX disputes_state ON disputes(state);
