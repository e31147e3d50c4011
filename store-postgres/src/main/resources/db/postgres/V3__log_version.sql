-- Second tier (log.type=kafka): the log's writer applies membership and channel changes here from Kafka records, and a
-- stale writer may apply a record late. log_version is the Kafka offset of the last record applied to the
-- conversation's rows (memberships and its channel row): a record at or below it is skipped, so an older change never
-- overwrites a newer one. -1: no record applied (the first tier leaves it so).
ALTER TABLE conversations ADD COLUMN log_version BIGINT NOT NULL DEFAULT -1;
