-- Accounts for real deployments, as in the SQLite schema's V3: admins, deactivated and deleted accounts, bots
-- (owned by a person), single sign-on identities, invites, single-use tickets and channel bans.
ALTER TABLE users
  ADD COLUMN admin        BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN deactivated  BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN deleted      BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN bot_owner_id BIGINT;
CREATE INDEX users_by_bot_owner ON users (bot_owner_id, username) WHERE bot_owner_id IS NOT NULL;
-- "is there an active admin?" without reading every user
CREATE INDEX users_active_admins ON users (id) WHERE admin AND NOT deactivated AND NOT deleted;

-- What a session's token may do: 'person' for a login, 'read' or 'read_send' for a bot's API token, limited to
-- conversation_ids (NULL for every conversation).
ALTER TABLE sessions
  ADD COLUMN scope            TEXT NOT NULL DEFAULT 'person' CHECK (scope IN ('person', 'read', 'read_send')),
  ADD COLUMN conversation_ids BIGINT[];

-- Single sign-on: an identity provider's subject linked to one account.
CREATE TABLE identities (
  issuer  TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject)
);

-- A use is counted under the invite's row lock, so nodes never count more uses than max_uses allows.
CREATE TABLE invites (
  code         TEXT PRIMARY KEY,
  max_uses     INTEGER,
  uses         INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
  expires_at   BIGINT,
  grants_admin BOOLEAN NOT NULL DEFAULT FALSE,
  created_by   BIGINT,
  created_at   BIGINT NOT NULL
);

-- Single-use secrets that expire (password resets, sign-in states, hand-over codes), by the hash of the secret.
CREATE TABLE tickets (
  kind        TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  payload     TEXT NOT NULL,
  expires_at  BIGINT NOT NULL,
  PRIMARY KEY (kind, secret_hash)
);
CREATE INDEX tickets_by_expiry ON tickets (expires_at);

-- Channel bans, written by the log's writer under the conversation's log head, with the ban's member removal.
CREATE TABLE bans (
  conversation_id BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  banned_by       BIGINT NOT NULL,
  banned_at       BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
