# Refusals and errors, always shown privately to the one who asked.

error-unexpected = Something went wrong on our side; it has been logged. Please try again later.
error-cooldown = Slow down a little: try again in { $seconds } s.
error-servers-only = This command works in servers only.
error-missing-permissions = You need the { $permissions } permission to do that.
error-bot-missing-permissions = I need the { $permissions } permission here to do that.
error-not-allowed = You are not allowed to do that.
error-invalid-value = That value is not valid here.
error-not-moderator = You need the { $permissions } { $count ->
        [one] permission
       *[other] permissions
    } or a moderator role to do that.
error-not-owner = Only the bot's owner can do that.
error-store-closed = subscriptions and watches are not available right now
error-cluster-down = the bot's shared state is not available right now

# Buttons answer only the person who asked.
refusal-buttons = Only the person who asked can use these buttons.

# Discord's permissions, as Discord's own menus name them.
permission-administrator = Administrator
permission-manage_guild = Manage Server
permission-manage_channels = Manage Channels
permission-view_channel = View Channel
permission-send_messages = Send Messages
permission-send_messages_in_threads = Send Messages In Threads
permission-embed_links = Embed Links
permission-attach_files = Attach Files
permission-read_message_history = Read Message History
error-restarting = TrainedOn is restarting: please try again in a few seconds.

## The core's errors, named by `key=` where they are raised (bot/errors.py). Each English
## message reads exactly as the error's own sentence (str(error): the CLI's and the logs').
## File names, paths and the reasons quoted from elsewhere (the CSV reader, SQLite, a
## dataset's reader, the database driver) are shown as they are, in every language.

# Pasted links (/lookup link, /watch artist).
error-link-not-a-link = That is not a link or id TrainedOn can look up: paste a YouTube or YouTube Music video link (youtube.com/watch?v=…, youtu.be/…, /shorts/…), a YouTube channel link (youtube.com/channel/UC…), a Spotify track or artist link (open.spotify.com/track/…, /artist/…, spotify:track:…), an FMA track page (freemusicarchive.org/music/Artist/Album/Track), or a bare video id (11 characters), channel id (UC and 22 more) or FMA track number.
error-link-channel-name = A YouTube { $what ->
        [handle] @handle
        [custom] custom channel address (/c/ or a bare name)
       *[user] /user/ address
    } cannot be resolved offline: open the channel and copy its ID from “Share channel → Copy channel ID” (it starts with UC), or paste a link to one of its videos.
error-link-spotify-collection = A Spotify { $what } link cannot be resolved offline: paste the open.spotify.com/track/… link of one of its tracks, or an open.spotify.com/artist/… link, instead.
error-link-youtube-playlist = A YouTube playlist link cannot be resolved offline: open one of its videos and paste that video's link (with watch?v=) instead.
error-link-youtube-search = A YouTube search cannot be resolved offline: open the video you mean and paste its link instead.
error-link-music-album = A YouTube Music album page cannot be resolved offline: paste the link of one of its songs (music.youtube.com/watch?v=…) or of the artist's channel instead.
error-link-spotify-short = A Spotify short link cannot be resolved offline: open it and paste the open.spotify.com address it leads to instead.
error-link-spotify-ambiguous = A bare Spotify id could be a track or an artist: paste its open.spotify.com/track/… or open.spotify.com/artist/… link instead.
error-link-fma-album = An FMA album page lists several tracks: paste the page link of one track (freemusicarchive.org/music/Artist/Album/Track) instead.
error-link-fma-artist = An FMA artist page lists several tracks: paste the page link of one track (freemusicarchive.org/music/Artist/Album/Track) instead.
error-link-fma-track-slug = An FMA /track/ link names the title but not the artist or album: paste the page link of one track (freemusicarchive.org/music/Artist/Album/Track) instead.

# Catalog files (/check catalog).
error-catalog-too-large = { $filename } is { NUMBER($size, minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: 0) } MB; the limit is { NUMBER($limit, useGrouping: 0) } MB: split it into smaller files.
error-catalog-over-limit = { $filename } is larger than the { NUMBER($limit, useGrouping: 0) } MB limit: split it into smaller files.
error-catalog-file-kind = { $filename } is { $kind ->
        [png] a PNG image
        [jpeg] a JPEG image
        [gif] a GIF image
        [pdf] a PDF document
        [zip] a ZIP archive (an Excel .xlsx? export it as CSV)
        [office] an Office document (export it as CSV)
        [gzip] a gzip archive
       *[sqlite] an SQLite database
    }, not a CSV or text list of songs.
error-catalog-binary = { $filename } is a binary file, not a CSV or text list of songs.
error-catalog-empty = { $filename } is empty.
error-catalog-encoding = { $filename } is not UTF-8 or UTF-16 text: save it as UTF-8 and try again.
error-catalog-utf16-without-bom = { $filename } is not UTF-8 or UTF-16 text (UTF-16 needs a byte-order mark): save it as UTF-8 and try again.
error-catalog-no-songs = { $filename } has no songs: every line is blank or a # comment.
error-catalog-no-columns = { $filename } has no recognisable columns (found { $found }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }; expected artist and title (or song, track, performer, band…)), and its lines do not read as 'Artist - Title'.
error-catalog-header-only = { $filename } has a header but no songs under it.
error-catalog-unreadable-csv = { $filename } is not a readable CSV file (line { NUMBER($line, useGrouping: 0) }: { $reason }).
error-catalog-too-many-songs = { $filename } has more than { $limit } songs, the most one check accepts: split it into smaller files.

# The index and its builds (every lookup, /reload).
error-index-not-built = the index has not been built yet; a moderator can run /reload
error-index-missing = no index at { $path } yet: run `trainedon index build` first
error-index-schema = the index at { $path } has schema { NUMBER($found, useGrouping: 0) }, this version needs { NUMBER($needed, useGrouping: 0) }: run `trainedon index build`
error-index-unreadable = the index at { $path } is unreadable ({ $reason })
error-reload-running = a reload is already running; its result will be posted
error-build-locked = another index build is running; try again when it ends
error-build-unknown-dataset = index.datasets names unknown dataset { $dataset }
error-build-none-selected = nothing to index: no dataset is selected (check index.datasets and include_demo)
error-build-no-files = nothing to index: no dataset files found under the data directory
error-build-all-failed = nothing was indexed: { $failures }{ $more ->
        [0] {""}
       *[other] ; { $more } more failed
    }
error-build-would-lose = { $dataset }: { $reason }; the current index keeps serving it (fix the files, or rebuild with --allow-partial to drop it)
error-build-integrity = the new index failed its integrity check ({ $check })
error-build-track-count = the new index is inconsistent: { NUMBER($tracks, useGrouping: 0) } tracks, { NUMBER($declared, useGrouping: 0) } declared
error-build-orphan-artists = the new index is inconsistent: artists without tracks
error-build-no-grams = the new index is inconsistent: no search grams were written
error-build-cannot-write = could not write the new index in { $folder } ({ $cause ->
        [ENOSPC] no space left on the disk
        [EDQUOT] disk quota exceeded
        [EFBIG] file size limit reached
        [SQLITE_FULL] the disk is full
       *[SQLITE_IOERR_WRITE] a write to the disk failed: is it full?
    }){ $previous ->
        [kept] ; the previous index keeps serving
       *[none] {""}
    }
error-build-reader-stopped = an index reader process stopped unexpectedly (exit code { $code })

# The subscriptions database (/subscribe, /watch and the other commands that use it).
error-store-database-closed = the subscriptions database is closed
error-store-no-answer = the subscriptions database { $database } did not answer for { NUMBER($seconds, useGrouping: 0) } s: { $reason }
