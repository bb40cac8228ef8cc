-- Channels that receive dataset-update posts. Ids are Discord snowflakes (64-bit integers);
-- times are UTC ISO-8601 text. A later version adds per-channel artist watches.
CREATE TABLE subscriptions(
    channel_id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    disabled_at TEXT,
    last_notified_build TEXT
);
CREATE INDEX subscriptions_guild ON subscriptions(guild_id);
