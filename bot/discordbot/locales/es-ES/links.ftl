# La respuesta a /buscar enlace: el id de un vídeo, una pista, un canal o un artista.

id-kind-youtube_video = Vídeo de YouTube
id-kind-youtube_channel = Canal de YouTube Music
id-kind-spotify_track = Pista de Spotify
id-kind-spotify_artist = Artista de Spotify
id-kind-fma_track = Pista de FMA

link-not-found-title = No está en ningún conjunto de datos indexado
link-not-found = { $kind ->
        [youtube_video] Este vídeo de YouTube
        [youtube_channel] Este canal de YouTube Music
        [spotify_track] Esta pista de Spotify
        [spotify_artist] Este artista de Spotify
       *[fma_track] Esta pista de FMA
    } ({ $id }) no está en ningún conjunto de datos indexado.
link-fma-hint = Las direcciones de las páginas de FMA pueden haber cambiado desde que se creó el conjunto de datos (2017): prueba con el número de la pista (las cifras de su enlace de descarga) o con una búsqueda por título y artista.
link-title-named = { $kind ->
        [youtube_channel] Canal de YouTube Music
        [spotify_artist] Artista de Spotify
        [youtube_video] Vídeo de YouTube
        [spotify_track] Pista de Spotify
       *[fma_track] Pista de FMA
    }: { $name }
link-credited = **{ $tracks }** { $tracks ->
        [one] pista atribuida
       *[other] pistas atribuidas
    } a este id en **{ $holders }** de { $datasets } conjuntos de datos indexados.
link-tracks = Pistas
link-listed-title = { $kind ->
        [youtube_video] Vídeo de YouTube
        [spotify_track] Pista de Spotify
        [fma_track] Pista de FMA
        [youtube_channel] Canal de YouTube Music
       *[spotify_artist] Artista de Spotify
    }: aparece en { $holders } de { $datasets } conjuntos de datos indexados
link-listed = { $id } aparece en **{ $holders }** de { $datasets } conjuntos de datos indexados.
link-more-rows = { $count } filas más: consulta la exportación
link-row-name = Aparece en { $dataset }
link-row-name-id = Aparece en { $dataset } (fila { $row })
link-untitled = sin título
link-album = Álbum: { $album }
link-all-tracks = { $kind ->
        [youtube_channel] Canal de YouTube Music
        [spotify_artist] Artista de Spotify
        [youtube_video] Vídeo de YouTube
        [spotify_track] Pista de Spotify
       *[fma_track] Pista de FMA
    } — todas las pistas
link-all-tracks-named = { $kind ->
        [youtube_channel] Canal de YouTube Music
        [spotify_artist] Artista de Spotify
        [youtube_video] Vídeo de YouTube
        [spotify_track] Pista de Spotify
       *[fma_track] Pista de FMA
    }: { $name } — todas las pistas
