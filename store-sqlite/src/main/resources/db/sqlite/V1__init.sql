CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  email         TEXT,
  password_hash TEXT NOT NULL,
  avatar_url    TEXT,
  status_text   TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  device_name  TEXT,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE conversations (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  name         TEXT,
  topic        TEXT,
  visibility   TEXT,
  owner_id     INTEGER,
  member_count INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  dm_low       INTEGER,
  dm_high      INTEGER
);
CREATE UNIQUE INDEX conversations_dm_pair ON conversations (dm_low, dm_high) WHERE dm_low IS NOT NULL;
CREATE INDEX conversations_public ON conversations (id) WHERE visibility = 'public' AND deleted = 0;

CREATE TABLE memberships (
  ordinal         INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL,
  user_id         INTEGER NOT NULL,
  joined_at       INTEGER NOT NULL,
  last_read_seq   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (conversation_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  author_id       INTEGER NOT NULL,
  content         TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  edited_at       INTEGER,
  deleted         INTEGER NOT NULL DEFAULT 0,
  reply_to        INTEGER,
  nonce           TEXT
);
CREATE UNIQUE INDEX messages_by_seq ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_by_nonce ON messages (conversation_id, author_id, nonce) WHERE nonce IS NOT NULL;

CREATE TABLE events (
  conversation_id INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  kind            INTEGER NOT NULL,
  ref_id          INTEGER,
  at              INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;

CREATE TABLE logs (
  conversation_id INTEGER PRIMARY KEY,
  last_seq        INTEGER NOT NULL,
  last_event_at   INTEGER NOT NULL
);
