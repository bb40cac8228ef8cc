-- The server's language (Discord's locale code for it: "fr", "pt-BR"), noted when a channel
-- subscribes or watches an artist, so that whichever process writes a post writes it in that
-- language, also one that does not see the server (another process runs its shard). NULL for
-- a row from before this version: its posts take the server's language from the writer's own
-- view of the server, else English.
ALTER TABLE subscriptions ADD COLUMN guild_locale TEXT;
ALTER TABLE watches ADD COLUMN guild_locale TEXT;
