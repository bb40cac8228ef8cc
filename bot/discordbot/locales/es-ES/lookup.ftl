# La respuesta a /buscar artista y /buscar canción, y las páginas de todas las pistas.

lookup-title-artist = Artista: { $name }
lookup-title-song = Canción: { $name }
lookup-score = Coincidencia del **{ $score } %** con «{ $query }»
lookup-uncertain = ⚠️ No es una coincidencia exacta: ¿es a quien buscabas? Mira *Quizás quisiste decir* más abajo.
lookup-total = **{ $tracks }** { $tracks ->
        [one] pista
       *[other] pistas
    } en **{ $holders }** de { $datasets } conjuntos de datos indexados.
lookup-samples = Pistas de ejemplo
lookup-did-you-mean = Quizás quisiste decir
lookup-other-matches = Otras coincidencias
lookup-other-line = • { $name } — { $score } %, { $tracks } pistas
lookup-not-found-title-artist = Artista no encontrado
lookup-not-found-title-song = Canción no encontrada
lookup-not-found = «{ $query }» no aparece en ningún conjunto de datos indexado.
lookup-near-misses = Casi coincidencias (demasiado distintas para ser el mismo nombre)
lookup-near-miss-line = • { $name } — { $score } %

identity-shared = { $count } { $kind ->
        [youtube_channel] canales de YouTube Music distintos
        [spotify_artist] artistas de Spotify distintos
        [youtube_video] vídeos de YouTube distintos
        [spotify_track] pistas de Spotify distintas
       *[fma_track] pistas de FMA distintas
    } figuran como { $name } en { $dataset }
identity-line = • { $id } — { $tracks } { $tracks ->
        [one] pista
       *[other] pistas
    }
identity-line-titles = • { $id } — { $tracks } { $tracks ->
        [one] pista
       *[other] pistas
    }: { $titles }
identity-hint = `/buscar enlace` con uno de ellos muestra solo sus pistas.

sample-line = • { $title } — { $artists } · `{ $dataset }`
sample-line-demo = • { $title } — { $artists } · `{ $dataset }` (demo)

tracks-title-artist = Artista: { $name } — todas las pistas
tracks-title-song = Canción: { $name } — todas las pistas
tracks-page-empty = No hay pistas en esta página.
page-of = Página { $page } de { $pages }

count-tracks-bold = **{ $tracks }** { $tracks ->
        [one] pista
       *[other] pistas
    }
dataset-demo = { $name } (demo)
list-more = … y { $count } más

footer-built = Índice creado el { $when }
footer-demo = datos de demostración, ficticios
disclaimer = Metadatos de conjuntos de datos, no prueba de con qué ha entrenado ninguna empresa.

lookup-nothing = Ahí no hay nada que buscar: escribe un nombre con al menos una letra, una cifra o un símbolo.
