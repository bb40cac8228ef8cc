# The answer to /lookup link: a video, track, channel or artist id.

id-kind-youtube_video = YouTube video
id-kind-youtube_channel = YouTube Music channel
id-kind-spotify_track = Spotify track
id-kind-spotify_artist = Spotify artist
id-kind-fma_track = FMA track

link-not-found-title = Not in any indexed dataset
link-not-found = This { $kind ->
        [youtube_video] YouTube video
        [youtube_channel] YouTube Music channel
        [spotify_track] Spotify track
        [spotify_artist] Spotify artist
       *[fma_track] FMA track
    } ({ $id }) is not in any indexed dataset.
link-fma-hint = FMA page addresses may have changed since the dataset was made (2017): try the track's number (the digits in its download link) or a lookup by title and artist.
link-title-named = { $kind ->
        [youtube_channel] YouTube Music channel
        [spotify_artist] Spotify artist
        [youtube_video] YouTube video
        [spotify_track] Spotify track
       *[fma_track] FMA track
    }: { $name }
link-credited = **{ $tracks }** { $tracks ->
        [one] track
       *[other] tracks
    } credited to it in **{ $holders }** of { $datasets } indexed datasets.
link-tracks = Tracks
link-listed-title = { $kind ->
        [youtube_video] YouTube video
        [spotify_track] Spotify track
        [fma_track] FMA track
        [youtube_channel] YouTube Music channel
       *[spotify_artist] Spotify artist
    }: listed in { $holders } of { $datasets } indexed datasets
link-listed = { $id } is listed in **{ $holders }** of { $datasets } indexed datasets.
link-more-rows = { $count } more rows: see the export
link-row-name = Listed in { $dataset }
link-row-name-id = Listed in { $dataset } (row { $row })
link-untitled = untitled
link-album = Album: { $album }
link-all-tracks = { $kind ->
        [youtube_channel] YouTube Music channel
        [spotify_artist] Spotify artist
        [youtube_video] YouTube video
        [spotify_track] Spotify track
       *[fma_track] FMA track
    } — all tracks
link-all-tracks-named = { $kind ->
        [youtube_channel] YouTube Music channel
        [spotify_artist] Spotify artist
        [youtube_video] YouTube video
        [spotify_track] Spotify track
       *[fma_track] FMA track
    }: { $name } — all tracks
