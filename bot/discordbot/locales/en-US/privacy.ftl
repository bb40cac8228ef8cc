# /privacy policy, /privacy forget-me, /privacy delete-server-data.

privacy-title = TrainedOn and your data
privacy-summary = Looking something up stores nothing: the names, links and catalogs you check are searched in memory and forgotten once you have the answer; exports and reports are made in memory and sent to you in Discord.
privacy-kept-title = What is kept
privacy-kept = • Subscriptions and artist watches a moderator sets up: the server, the channel, the artist watched and the user id of who set it up, until it is removed, the channel is deleted or the bot leaves the server.
    • The update posts and alerts the bot sends to those channels (the message as sent), for as long.
    • The bot's log: server and channel ids, and the user id of someone a command refused or who set something up; never what you searched. Its operator keeps it for a limited time.
privacy-delete-title = Deleting it
privacy-delete = `/privacy forget-me` deletes the artist watches you created and your user id from the subscriptions you made, everywhere. `/privacy delete-server-data` (Manage Server) deletes everything kept about a server. Removing the bot from a server does the same.
privacy-full-title = The full policy
privacy-full-link = Privacy policy of this bot
privacy-full-source = `docs/PRIVACY.md` in TrainedOn's source, which this bot runs.

privacy-forgotten-nothing = TrainedOn keeps nothing about you: no artist watch or subscription names you.
privacy-forgotten = Done. Deleted { $watches ->
        [one] { $watches } artist watch
       *[other] { $watches } artist watches
    } you created, and removed your user id from { $subscriptions ->
        [one] { $subscriptions } subscription
       *[other] { $subscriptions } subscriptions
    } you made (those channels keep getting their update posts).
privacy-logs-note = Log lines already written are not edited; they are deleted when the operator's log retention runs out.

privacy-nothing-in-server = TrainedOn keeps nothing about this server.
privacy-confirm-delete = This deletes everything TrainedOn keeps about this server: { $data }. Every update post and artist alert here stops. Messages already posted stay in Discord. This cannot be undone.
privacy-delete-button = Delete this server's data
privacy-cancel-button = Cancel
privacy-deleted = Deleted this server's data: { $data }.
privacy-cancelled = Nothing was deleted.
privacy-server-data = { $subscriptions ->
        [one] { $subscriptions } subscription
       *[other] { $subscriptions } subscriptions
    }, { $watches ->
        [one] { $watches } artist watch
       *[other] { $watches } artist watches
    } and { $posts ->
        [one] { $posts } recorded post
       *[other] { $posts } recorded posts
    }
