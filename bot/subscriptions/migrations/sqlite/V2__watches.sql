-- Artists a channel watches: a post when a rebuild adds tracks by one of them. artist_norm is
-- normalize_name() of the chosen display name, the key arrivals are matched on; artist_name is
-- what people chose, kept for display. Failures and disabling are per watch, as for
-- subscriptions; last_alerted_build is the built_at of the last build alerted for this artist.
CREATE TABLE watches(
    channel_id INTEGER NOT NULL,
    guild_id INTEGER NOT NULL,
    artist_norm TEXT NOT NULL CHECK (artist_norm <> ''),
    artist_name TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    disabled_at TEXT,
    last_alerted_build TEXT,
    PRIMARY KEY (channel_id, artist_norm)
);
CREATE INDEX watches_guild ON watches(guild_id);
CREATE INDEX watches_artist ON watches(artist_norm);
