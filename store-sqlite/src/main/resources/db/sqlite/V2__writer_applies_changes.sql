-- Membership and channel events carry the channel as members saw it after the event (replayed as-is).
ALTER TABLE events ADD COLUMN name TEXT;
ALTER TABLE events ADD COLUMN topic TEXT;
ALTER TABLE events ADD COLUMN owner_id INTEGER;
ALTER TABLE events ADD COLUMN member_count INTEGER;

-- The status a user chose (auto, online, idle, dnd, invisible) and when; no row value means auto.
ALTER TABLE users ADD COLUMN status_choice TEXT;
ALTER TABLE users ADD COLUMN status_chosen_at INTEGER;
