# /watch artist, /unwatch artist, /watches, and the alerts a watching channel gets.

refusal-picker = Only the person who asked can choose here; run /watch artist yourself.
picker-watch-anyway = Watch “{ $name }” anyway
picker-none = None of these
picker-nothing = Nothing is watched.
picker-not-exact = “{ $name }” is not an exact match. Which artist should be watched?
picker-not-indexed = “{ $name }” is not in any indexed dataset. Did you mean one of these? Or watch “{ $name }” even though it is in no dataset yet?
picker-watch-unindexed = Watch “{ $name }” even though it is in no dataset yet?

watch-not-artist-link = That is a { $kind ->
        [youtube_video] YouTube video
        [youtube_channel] YouTube Music channel
        [spotify_track] Spotify track
        [spotify_artist] Spotify artist
       *[fma_track] FMA track
    } link; a watch follows an artist: paste their YouTube Music channel or Spotify artist link, or their name.
watch-no-letters = That name has no letters or digits to watch.
watch-already = { $channel } already watches **{ $name }**.
watch-added-here = Now watching **{ $name }** here: a post whenever a rebuild adds tracks by this artist to a dataset.
watch-added-in = Now watching **{ $name }** in { $channel }: a post whenever a rebuild adds tracks by this artist to a dataset.
watch-link-added-here = Now watching **{ $name }** here: a post whenever a rebuild adds tracks credited to this { $kind ->
        [youtube_channel] YouTube Music channel
        [spotify_artist] Spotify artist
        [youtube_video] YouTube video
        [spotify_track] Spotify track
       *[fma_track] FMA track
    } to a dataset.
watch-link-added-in = Now watching **{ $name }** in { $channel }: a post whenever a rebuild adds tracks credited to this { $kind ->
        [youtube_channel] YouTube Music channel
        [spotify_artist] Spotify artist
        [youtube_video] YouTube video
        [spotify_track] Spotify track
       *[fma_track] FMA track
    } to a dataset.
watch-link-not-indexed = It is in no indexed dataset yet.
unwatch-removed = { $channel } no longer watches **{ $name }**.
unwatch-not-watched = { $channel } does not watch **{ $name }**; see /watches.
watches-title = Artist watches
watches-line = • { $channel } — **{ $name }** — { $state }
watches-none-server = Nothing is watched in this server.
watches-none-channel = Nothing is watched in { $channel }.

# The post a watching channel gets when a rebuild adds an artist's tracks.
alert-title = New in the datasets: { $name }
alert-added = The rebuild of { $when } added **{ $tracks }** { $tracks ->
        [one] track
       *[other] tracks
    } by **{ $name }**.
alert-dataset = **+{ $tracks }** new { $tracks ->
        [one] track
       *[other] tracks
    }
alert-samples = Some of the new tracks
