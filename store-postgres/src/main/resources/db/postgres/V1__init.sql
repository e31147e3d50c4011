-- Parley on PostgreSQL: the same data as the SQLite schema. Times are epoch milliseconds (BIGINT), ids are
-- Snowflake ids given by the nodes.

CREATE TABLE users (
  id               BIGINT PRIMARY KEY,
  -- stored lower-case; byte order ("C") so the unique index also serves prefix search and its ordering
  username         TEXT COLLATE "C" NOT NULL UNIQUE,
  display_name     TEXT NOT NULL,
  email            TEXT,
  password_hash    TEXT NOT NULL,
  avatar_url       TEXT,
  status_text      TEXT NOT NULL DEFAULT '',
  -- the status the user chose (auto, online, idle, dnd, invisible) and when; NULL means never chosen (auto)
  status_choice    TEXT,
  status_chosen_at BIGINT,
  created_at       BIGINT NOT NULL
);

CREATE TABLE sessions (
  id           BIGINT PRIMARY KEY,
  user_id      BIGINT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  device_name  TEXT,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id, created_at, id);

CREATE TABLE conversations (
  id           BIGINT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('channel', 'dm')),
  name         TEXT,
  topic        TEXT,
  visibility   TEXT CHECK (visibility IN ('public', 'private')),
  owner_id     BIGINT,
  member_count INTEGER NOT NULL DEFAULT 0,
  created_at   BIGINT NOT NULL,
  deleted      BOOLEAN NOT NULL DEFAULT FALSE,
  -- a DM's two members, lower id first: one DM per pair
  dm_low       BIGINT,
  dm_high      BIGINT
);
CREATE UNIQUE INDEX conversations_dm_pair ON conversations (dm_low, dm_high) WHERE dm_low IS NOT NULL;
CREATE INDEX conversations_public ON conversations (id DESC) WHERE visibility = 'public' AND NOT deleted;

CREATE TABLE memberships (
  conversation_id BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  -- join order: rows of one conversation are inserted one writer at a time (under its log head's lock)
  ordinal         BIGINT GENERATED ALWAYS AS IDENTITY,
  joined_at       BIGINT NOT NULL,
  last_read_seq   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE UNIQUE INDEX memberships_in_join_order ON memberships (conversation_id, ordinal);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE messages (
  id              BIGINT PRIMARY KEY,
  conversation_id BIGINT NOT NULL,
  seq             BIGINT NOT NULL,
  author_id       BIGINT NOT NULL,
  content         TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  edited_at       BIGINT,
  deleted         BOOLEAN NOT NULL DEFAULT FALSE,
  reply_to        BIGINT,
  nonce           TEXT
);
CREATE UNIQUE INDEX messages_by_seq ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_by_nonce ON messages (conversation_id, author_id, nonce) WHERE nonce IS NOT NULL;

-- Every log event. ref_id is the message (kinds 1-3) or the member (4, 5); membership and channel events
-- (4-6) keep the channel as members saw it after the event.
CREATE TABLE events (
  conversation_id BIGINT NOT NULL,
  seq             BIGINT NOT NULL,
  kind            SMALLINT NOT NULL,
  ref_id          BIGINT,
  at              BIGINT NOT NULL,
  name            TEXT,
  topic           TEXT,
  owner_id        BIGINT,
  member_count    INTEGER,
  PRIMARY KEY (conversation_id, seq)
);

-- Each conversation's log head: its last seq and when that event happened (NULL while the log is empty).
-- A writer locks the heads of a batch's conversations before deciding anything: the lock is what makes
-- one writer per conversation across nodes.
CREATE TABLE log_heads (
  conversation_id BIGINT PRIMARY KEY,
  last_seq        BIGINT NOT NULL,
  last_event_at   BIGINT
);
