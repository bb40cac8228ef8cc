-- Every update post and watch alert, recorded before it is sent (an outbox). The leader
-- sends pending rows; a new leader finishes what a dead one left. nonce is the same on
-- every attempt at one post, so Discord answers a repeat with the stored message.
CREATE TABLE posts(
    nonce TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('update', 'alert')),
    channel_id INTEGER NOT NULL,
    guild_id INTEGER NOT NULL,
    artist_norm TEXT NOT NULL DEFAULT '',      -- '' for an update post; the watch key else
    build_id TEXT NOT NULL,
    body TEXT NOT NULL,                        -- JSON of the message as sent (embed dict)
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    message_id INTEGER
);
CREATE INDEX posts_state ON posts(state, created_at);
-- Builds announced to every process: build_id is the build's built_at, fingerprint its
-- content digest (equal for equal inputs, whichever machine built it).
CREATE TABLE builds(
    build_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    built_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- Each running bot process: its shards, the build it serves, its last heartbeat.
CREATE TABLE processes(
    process_id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    shard_ids TEXT NOT NULL,                   -- "0,1"; "" for every shard
    shard_count INTEGER,
    build_id TEXT,
    fingerprint TEXT,
    state TEXT NOT NULL DEFAULT 'starting',    -- starting | serving | building | failed
    reason TEXT,
    started_at TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
