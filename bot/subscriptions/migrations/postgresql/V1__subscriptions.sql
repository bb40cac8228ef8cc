-- Channels that receive dataset-update posts. Ids are Discord snowflakes (64-bit integers);
-- times are UTC ISO-8601 text. A later version adds per-channel artist watches.
-- (The same schema as migrations/sqlite, with PostgreSQL's 64-bit integer type for ids.)
CREATE TABLE subscriptions(
    channel_id BIGINT PRIMARY KEY,
    guild_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    disabled_at TEXT,
    last_notified_build TEXT
);
CREATE INDEX subscriptions_guild ON subscriptions(guild_id);
