# Comandos de barra tal como los muestra Discord: el valor es el nombre (minúsculas, sin
# espacios, 1-32 caracteres) y `.description` la descripción (1-100 caracteres).

command-lookup = buscar
    .description = ¿Está un artista o una canción en los conjuntos de datos indexados?
command-lookup-artist = artista
    .description = ¿Está este artista en los conjuntos de datos de entrenamiento de IA?
option-lookup-artist-name = nombre
    .description = El nombre del artista (las erratas no importan)
option-lookup-artist-private = privado
    .description = Solo tú ves la respuesta
command-lookup-song = canción
    .description = ¿Está esta canción en los conjuntos de datos de entrenamiento de IA?
option-lookup-song-title = título
    .description = El título de la canción (las erratas no importan)
option-lookup-song-artist = artista
    .description = El artista, para distinguir canciones con el mismo título
option-lookup-song-private = privado
    .description = Solo tú ves la respuesta
command-lookup-link = enlace
    .description = ¿Qué conjuntos de datos incluyen este enlace de YouTube, Spotify o FMA?
option-lookup-link-url = url
    .description = Un enlace de vídeo, de canal, de pista o de artista de Spotify, o un id sin más
option-lookup-link-private = privado
    .description = Solo tú ves la respuesta

command-datasets = conjuntos-de-datos
    .description = Qué conjuntos de datos están indexados y cuánto ocupan

command-subscribe = suscribir
    .description = Publicar las novedades de los conjuntos de datos en un canal (este, por defecto)
option-subscribe-channel = canal
    .description = Dónde publicar las novedades (por defecto: aquí)
command-unsubscribe = cancelar-suscripción
    .description = Dejar de publicar novedades de los conjuntos de datos en un canal
option-unsubscribe-channel = canal
    .description = Qué canal (por defecto: este)
command-subscriptions = suscripciones
    .description = Qué canales de este servidor reciben las novedades de los conjuntos de datos

command-watch = vigilar
    .description = Recibir un aviso cuando un artista tenga pistas nuevas
command-watch-artist = artista
    .description = Avisar aquí cuando una reconstrucción añada pistas de este artista
option-watch-artist-name = nombre
    .description = Nombre del artista (las erratas no importan) o enlace a su canal de YouTube Music o de Spotify
option-watch-artist-channel = canal
    .description = Dónde publicar (por defecto: aquí)
command-unwatch = dejar-de-vigilar
    .description = Dejar de vigilar a un artista
command-unwatch-artist = artista
    .description = Dejar de publicar sobre este artista
option-unwatch-artist-name = nombre
    .description = Un artista vigilado
option-unwatch-artist-channel = canal
    .description = Qué canal (por defecto: este)
command-watches = vigilados
    .description = Qué artistas vigilan los canales de este servidor
option-watches-channel = canal
    .description = Solo este canal (por defecto: todo el servidor)

command-reload = recargar
    .description = Reconstruir el índice a partir de los archivos de datos (moderadores)
command-help = ayuda
    .description = Qué hace TrainedOn y cuáles son sus límites
command-check = comprobar
    .description = Comprobar un catálogo entero con todos los conjuntos de datos indexados.
command-check-catalog = catálogo
    .description = Comprobar un CSV o una lista «Artista - Título» con los conjuntos de datos
option-check-catalog-file = archivo
    .description = CSV con columnas artista y título (enlaces YouTube/Spotify opcionales) o líneas «Artista - Título»
option-check-catalog-private = privado
    .description = Solo tú ves la respuesta
command-status = estado
    .description = Shards, índice en uso y demás procesos de este proceso (propietario del bot)

command-privacy = privacidad
    .description = Qué guarda TrainedOn sobre ti, y cómo borrarlo
command-privacy-policy = política
    .description = Qué guarda TrainedOn, durante cuánto tiempo y cómo pedir que se borre
command-privacy-forget-me = olvidarme
    .description = Borrar los avisos de artistas que creaste y tu id de las suscripciones
command-privacy-delete-server-data = borrar-datos-del-servidor
    .description = Borrar las suscripciones, los avisos de artistas y las publicaciones guardadas de este servidor
