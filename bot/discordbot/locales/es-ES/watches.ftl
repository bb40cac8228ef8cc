# /vigilar artista, /dejar-de-vigilar artista, /vigilados, y los avisos que recibe un canal que vigila.

refusal-picker = Solo la persona que preguntó puede elegir aquí; usa /vigilar artista tú mismo.
picker-watch-anyway = Vigilar «{ $name }» de todos modos
picker-none = Ninguno de estos
picker-nothing = No se vigila nada.
picker-not-exact = «{ $name }» no es una coincidencia exacta. ¿A qué artista hay que vigilar?
picker-not-indexed = «{ $name }» no está en ningún conjunto de datos indexado. ¿Quisiste decir uno de estos? ¿O vigilar «{ $name }» aunque todavía no esté en ningún conjunto de datos?
picker-watch-unindexed = ¿Vigilar «{ $name }» aunque todavía no esté en ningún conjunto de datos?

watch-not-artist-link = Eso es un enlace { $kind ->
        [youtube_video] de vídeo de YouTube
        [youtube_channel] de canal de YouTube Music
        [spotify_track] de pista de Spotify
        [spotify_artist] de artista de Spotify
       *[fma_track] de pista de FMA
    }; una vigilancia sigue a un artista: pega el enlace de su canal de YouTube Music o de artista de Spotify, o su nombre.
watch-no-letters = Ese nombre no tiene letras ni cifras que vigilar.
watch-already = { $channel } ya vigila a **{ $name }**.
watch-added-here = Ahora se vigila a **{ $name }** aquí: una publicación cada vez que una reconstrucción añada pistas de este artista a un conjunto de datos.
watch-added-in = Ahora se vigila a **{ $name }** en { $channel }: una publicación cada vez que una reconstrucción añada pistas de este artista a un conjunto de datos.
watch-link-added-here = Ahora se vigila a **{ $name }** aquí: una publicación cada vez que una reconstrucción añada a un conjunto de datos pistas atribuidas a { $kind ->
        [youtube_channel] este canal de YouTube Music
        [spotify_artist] este artista de Spotify
        [youtube_video] este vídeo de YouTube
        [spotify_track] esta pista de Spotify
       *[fma_track] esta pista de FMA
    }.
watch-link-added-in = Ahora se vigila a **{ $name }** en { $channel }: una publicación cada vez que una reconstrucción añada a un conjunto de datos pistas atribuidas a { $kind ->
        [youtube_channel] este canal de YouTube Music
        [spotify_artist] este artista de Spotify
        [youtube_video] este vídeo de YouTube
        [spotify_track] esta pista de Spotify
       *[fma_track] esta pista de FMA
    }.
watch-link-not-indexed = Todavía no está en ningún conjunto de datos indexado.
unwatch-removed = { $channel } ya no vigila a **{ $name }**.
unwatch-not-watched = { $channel } no vigila a **{ $name }**; consulta /vigilados.
watches-title = Artistas vigilados
watches-line = • { $channel } — **{ $name }** — { $state }
watches-none-server = No se vigila nada en este servidor.
watches-none-channel = No se vigila nada en { $channel }.

alert-title = Novedad en los conjuntos de datos: { $name }
alert-added = La reconstrucción del { $when } ha añadido **{ $tracks }** { $tracks ->
        [one] pista
       *[other] pistas
    } de **{ $name }**.
alert-dataset = **+{ $tracks }** { $tracks ->
        [one] pista nueva
       *[other] pistas nuevas
    }
alert-samples = Algunas de las pistas nuevas
