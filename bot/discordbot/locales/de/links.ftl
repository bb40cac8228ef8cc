# Die Antwort auf /suchen link: die ID eines Videos, Tracks, Kanals oder Künstlers.

id-kind-youtube_video = YouTube-Video
id-kind-youtube_channel = YouTube-Music-Kanal
id-kind-spotify_track = Spotify-Track
id-kind-spotify_artist = Spotify-Künstler
id-kind-fma_track = FMA-Track

link-not-found-title = In keinem indizierten Datensatz
link-not-found = { $kind ->
        [youtube_video] Dieses YouTube-Video
        [youtube_channel] Dieser YouTube-Music-Kanal
        [spotify_track] Dieser Spotify-Track
        [spotify_artist] Dieser Spotify-Künstler
       *[fma_track] Dieser FMA-Track
    } ({ $id }) ist in keinem indizierten Datensatz.
link-fma-hint = FMA-Seitenadressen können sich seit der Erstellung des Datensatzes (2017) geändert haben: versuch es mit der Nummer des Tracks (den Ziffern in seinem Download-Link) oder mit einer Suche nach Titel und Künstler.
link-title-named = { $kind ->
        [youtube_channel] YouTube-Music-Kanal
        [spotify_artist] Spotify-Künstler
        [youtube_video] YouTube-Video
        [spotify_track] Spotify-Track
       *[fma_track] FMA-Track
    }: { $name }
link-credited = **{ $tracks }** { $tracks ->
        [one] Track wird
       *[other] Tracks werden
    } dieser ID in **{ $holders }** von { $datasets } indizierten Datensätzen zugeschrieben.
link-tracks = Tracks
link-listed-title = { $kind ->
        [youtube_video] YouTube-Video
        [spotify_track] Spotify-Track
        [fma_track] FMA-Track
        [youtube_channel] YouTube-Music-Kanal
       *[spotify_artist] Spotify-Künstler
    }: enthalten in { $holders } von { $datasets } indizierten Datensätzen
link-listed = { $id } ist in **{ $holders }** von { $datasets } indizierten Datensätzen enthalten.
link-more-rows = { $count } weitere Zeilen: siehe Export
link-row-name = Enthalten in { $dataset }
link-row-name-id = Enthalten in { $dataset } (Zeile { $row })
link-untitled = ohne Titel
link-album = Album: { $album }
link-all-tracks = { $kind ->
        [youtube_channel] YouTube-Music-Kanal
        [spotify_artist] Spotify-Künstler
        [youtube_video] YouTube-Video
        [spotify_track] Spotify-Track
       *[fma_track] FMA-Track
    } — alle Tracks
link-all-tracks-named = { $kind ->
        [youtube_channel] YouTube-Music-Kanal
        [spotify_artist] Spotify-Künstler
        [youtube_video] YouTube-Video
        [spotify_track] Spotify-Track
       *[fma_track] FMA-Track
    }: { $name } — alle Tracks
