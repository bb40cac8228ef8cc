# /help: what the bot does, every command with who may use it, the data, the limits.

help-title = About TrainedOn
help-about = TrainedOn tells musicians, labels and their communities whether their songs are listed in the public datasets used to train music-generating AI. It searches a local index of those datasets' published metadata — titles, artists, links — and forgives typos, missing accents and half-typed names.
help-commands = Commands
# One command: how it is typed, what it does, who may use it.
help-command = `{ $usage }` — { $description } · *{ $who }*
help-command-servers = `{ $usage }` — { $description } · *{ $who }, in servers*
help-who-everyone = everyone
help-who-owner = the bot's owner
help-who-moderators = { $permissions } or a moderator role
help-buttons = Under an answer: **Export** (the rows as CSV and JSON, to cite) and, where a song is listed, **What can I do?**
help-data-built = Data (index built { $when })
help-data = Data
help-data-line = • { $dataset } — { $tracks } tracks
help-no-index = The index has not been built yet.
help-limits-title = Limits
help-limits = It shows what dataset metadata lists: that a dataset links to a track, not that any company trained on it, nor whether the audio is still online. Names are matched by spelling: where a dataset publishes artist ids, same-name artists are told apart by them; elsewhere they look the same. The index is as fresh as its last rebuild.
