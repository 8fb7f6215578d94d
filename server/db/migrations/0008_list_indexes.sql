-- Lists read straight off an index in the order they show, whatever the size of the table:
-- support's order list (every buyer's orders, newest first) and the staff directory (one role
-- by display name; the rowid in every index breaks ties, as the list's ORDER BY id does).
CREATE INDEX orders_placed ON orders(placed_at);
CREATE INDEX users_role ON users(role, display_name);
