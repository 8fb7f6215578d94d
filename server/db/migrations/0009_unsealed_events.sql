-- At every start the server looks for events written before the keyed chain (mac = ''): from
-- this partial index (empty once sealed), not by reading millions of events (25 s at 1M cases).
CREATE INDEX dispute_events_unsealed ON dispute_events(dispute_id, seq) WHERE mac = '';
