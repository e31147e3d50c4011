-- Mentions kept by the log's writer: the user ids as text ('12,34', NULL for none) and the flags
-- (1: @here, 2: @channel). mentions indexes who is named, so unread mentions are counted without
-- reading every unread message.
ALTER TABLE messages ADD COLUMN mentions TEXT;
ALTER TABLE messages ADD COLUMN mention_flags SMALLINT NOT NULL DEFAULT 0;
CREATE INDEX messages_mentioning_all ON messages (conversation_id, seq) WHERE mention_flags <> 0;
CREATE TABLE mentions (
  user_id         BIGINT NOT NULL,
  conversation_id BIGINT NOT NULL,
  seq             BIGINT NOT NULL,
  PRIMARY KEY (user_id, conversation_id, seq)
);
CREATE INDEX mentions_by_message ON mentions (conversation_id, seq);

-- Whether members other than the owner may use @here and @channel, on the channel and as each
-- channel event left it.
ALTER TABLE conversations ADD COLUMN members_may_mention_all BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN members_may_mention_all BOOLEAN;

-- Each member's notification settings: all, mentions, none or NULL (the default), muted until when.
ALTER TABLE memberships ADD COLUMN notify TEXT CHECK (notify IN ('all', 'mentions', 'none'));
ALTER TABLE memberships ADD COLUMN muted_until BIGINT;

CREATE TABLE push_subscriptions (
  id         BIGINT PRIMARY KEY,
  user_id    BIGINT NOT NULL,
  endpoint   TEXT NOT NULL UNIQUE,
  p256dh     TEXT NOT NULL,
  auth       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id);
