-- Finding the open case on an order (one open dispute per order) without scanning all cases.
CREATE INDEX disputes_order ON disputes(order_ref, state);
