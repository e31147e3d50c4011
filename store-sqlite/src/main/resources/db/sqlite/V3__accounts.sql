-- Accounts for real deployments: admins, deactivated and deleted accounts, bots (owned by a person).
ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN deactivated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN bot_owner_id INTEGER;
CREATE INDEX users_by_bot_owner ON users (bot_owner_id) WHERE bot_owner_id IS NOT NULL;

-- What a session's token may do: 'person' for a login, 'read' or 'read_send' for a bot's API token,
-- limited to conversation_ids (comma-separated; NULL for every conversation).
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'person';
ALTER TABLE sessions ADD COLUMN conversation_ids TEXT;

-- Single sign-on: an identity provider's subject linked to one account.
CREATE TABLE identities (
  issuer  TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
) WITHOUT ROWID;

CREATE TABLE invites (
  code         TEXT PRIMARY KEY,
  max_uses     INTEGER,
  uses         INTEGER NOT NULL DEFAULT 0,
  expires_at   INTEGER,
  grants_admin INTEGER NOT NULL DEFAULT 0,
  created_by   INTEGER,
  created_at   INTEGER NOT NULL
);

-- Single-use secrets that expire (password resets, sign-in states), by the hash of the secret.
CREATE TABLE tickets (
  kind        TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  payload     TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (kind, secret_hash)
) WITHOUT ROWID;
CREATE INDEX tickets_by_expiry ON tickets (expires_at);

-- Channel bans, written by the log's writer with the ban's MEMBER_REMOVE (if any).
CREATE TABLE bans (
  conversation_id INTEGER NOT NULL,
  user_id         INTEGER NOT NULL,
  banned_by       INTEGER NOT NULL,
  banned_at       INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
