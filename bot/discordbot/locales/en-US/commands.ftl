# Slash commands as Discord lists them: each command's value is its name (lower case, no
# spaces, 1-32 characters), `.description` its description (1-100 characters). The keys follow
# the command tree: `command-lookup-artist` is /lookup artist, `option-lookup-artist-name` its
# option `name`. English is what the code declares; the other locales translate it.

command-lookup = lookup
    .description = Is an artist or a song in the indexed datasets?
command-lookup-artist = artist
    .description = Is this artist in the AI-training datasets?
option-lookup-artist-name = name
    .description = The artist's name (typos are fine)
option-lookup-artist-private = private
    .description = Only you see the answer
command-lookup-song = song
    .description = Is this song in the AI-training datasets?
option-lookup-song-title = title
    .description = The song's title (typos are fine)
option-lookup-song-artist = artist
    .description = The artist, to tell songs with the same title apart
option-lookup-song-private = private
    .description = Only you see the answer
command-lookup-link = link
    .description = Which datasets list this YouTube, Spotify or FMA link?
option-lookup-link-url = url
    .description = A video, channel, Spotify track or artist link, or a bare id
option-lookup-link-private = private
    .description = Only you see the answer

command-datasets = datasets
    .description = Which datasets are indexed, and how big

command-subscribe = subscribe
    .description = Post dataset updates in a channel (this one by default)
option-subscribe-channel = channel
    .description = Where to post updates (default: here)
command-unsubscribe = unsubscribe
    .description = Stop dataset-update posts in a channel
option-unsubscribe-channel = channel
    .description = Which channel (default: here)
command-subscriptions = subscriptions
    .description = Which channels of this server get dataset updates

command-watch = watch
    .description = Be told when an artist gets new tracks
command-watch-artist = artist
    .description = Post here when a rebuild adds this artist's tracks
option-watch-artist-name = name
    .description = The artist's name (typos are fine), or their YouTube Music channel or Spotify artist link
option-watch-artist-channel = channel
    .description = Where to post (default: here)
command-unwatch = unwatch
    .description = Stop watching an artist
command-unwatch-artist = artist
    .description = Stop posting about this artist
option-unwatch-artist-name = name
    .description = A watched artist
option-unwatch-artist-channel = channel
    .description = Which channel (default: here)
command-watches = watches
    .description = Which artists this server's channels watch
option-watches-channel = channel
    .description = Only this channel (default: the whole server)

command-reload = reload
    .description = Rebuild the index from the data files (moderators)
command-help = help
    .description = What TrainedOn does, and its limits
command-check = check
    .description = Check a whole catalog against every indexed dataset.
command-check-catalog = catalog
    .description = Check a CSV or 'Artist - Title' list against the datasets
option-check-catalog-file = file
    .description = CSV with artist and title columns (optional YouTube and Spotify links), or 'Artist - Title' lines
option-check-catalog-private = private
    .description = Only you see the answer
command-status = status
    .description = This process's shards, build and peers (bot owner)

command-privacy = privacy
    .description = What TrainedOn keeps about you, and deleting it
command-privacy-policy = policy
    .description = What TrainedOn keeps, for how long, and how to have it deleted
command-privacy-forget-me = forget-me
    .description = Delete the artist watches you created and your id from subscriptions
command-privacy-delete-server-data = delete-server-data
    .description = Delete this server's subscriptions, watches and recorded posts
