# Rechazos y errores, siempre en privado para quien preguntó.

error-unexpected = Algo ha fallado por nuestra parte; ha quedado registrado. Vuelve a intentarlo más tarde.
error-cooldown = Ve un poco más despacio: vuelve a intentarlo dentro de { $seconds } s.
error-servers-only = Este comando solo funciona en servidores.
error-missing-permissions = Necesitas el permiso { $permissions } para hacer eso.
error-bot-missing-permissions = Necesito el permiso { $permissions } aquí para hacer eso.
error-not-allowed = No tienes permiso para hacer eso.
error-invalid-value = Ese valor no es válido aquí.
error-not-moderator = Necesitas { $count ->
        [one] el permiso
       *[other] los permisos
    } { $permissions } o un rol de moderador para hacer eso.
error-not-owner = Solo el propietario del bot puede hacer eso.
error-store-closed = las suscripciones y los avisos de artistas no están disponibles ahora mismo
error-cluster-down = el estado compartido del bot no está disponible ahora mismo

refusal-buttons = Solo la persona que preguntó puede usar estos botones.

permission-administrator = Administrador
permission-manage_guild = Gestionar servidor
permission-manage_channels = Gestionar canales
permission-view_channel = Ver canal
permission-send_messages = Enviar mensajes
permission-send_messages_in_threads = Enviar mensajes en hilos
permission-embed_links = Insertar enlaces
permission-attach_files = Adjuntar archivos
permission-read_message_history = Leer el historial de mensajes
error-restarting = TrainedOn se está reiniciando: vuelve a intentarlo dentro de unos segundos.

## Errores del núcleo del bot (bot/errors.py), en el idioma de quien preguntó.
## Los nombres de archivo, las rutas y los motivos citados de otras partes se muestran tal cual.

# Enlaces pegados (/buscar enlace, /vigilar artista).
error-link-not-a-link = Eso no es un enlace ni un id que TrainedOn pueda buscar: pega un enlace de vídeo de YouTube o YouTube Music (youtube.com/watch?v=…, youtu.be/…, /shorts/…), un enlace de canal de YouTube (youtube.com/channel/UC…), un enlace de pista o de artista de Spotify (open.spotify.com/track/…, /artist/…, spotify:track:…), una página de pista de FMA (freemusicarchive.org/music/Artist/Album/Track) o un id suelto de vídeo (11 caracteres), de canal (UC y 22 más) o un número de pista de FMA.
error-link-channel-name = { $what ->
        [handle] Un @handle de YouTube
        [custom] Una dirección de canal personalizada de YouTube (/c/ o un nombre suelto)
       *[user] Una dirección /user/ de YouTube
    } no se puede resolver sin conexión: abre el canal y copia su ID con «Compartir canal → Copiar ID del canal» (empieza por UC), o pega el enlace de uno de sus vídeos.
error-link-spotify-collection = Un enlace de { $what ->
        [album] álbum
        [playlist] lista de reproducción
        [show] pódcast
       *[episode] episodio
    } de Spotify no se puede resolver sin conexión: pega en su lugar el enlace open.spotify.com/track/… de una de sus pistas, o un enlace open.spotify.com/artist/….
error-link-youtube-playlist = Un enlace de lista de reproducción de YouTube no se puede resolver sin conexión: abre uno de sus vídeos y pega en su lugar el enlace de ese vídeo (con watch?v=).
error-link-youtube-search = Una búsqueda de YouTube no se puede resolver sin conexión: abre el vídeo que buscas y pega su enlace en su lugar.
error-link-music-album = Una página de álbum de YouTube Music no se puede resolver sin conexión: pega en su lugar el enlace de una de sus canciones (music.youtube.com/watch?v=…) o del canal del artista.
error-link-spotify-short = Un enlace corto de Spotify no se puede resolver sin conexión: ábrelo y pega en su lugar la dirección open.spotify.com a la que lleva.
error-link-spotify-ambiguous = Un id suelto de Spotify puede ser de una pista o de un artista: pega en su lugar su enlace open.spotify.com/track/… u open.spotify.com/artist/….
error-link-fma-album = Una página de álbum de FMA incluye varias pistas: pega en su lugar el enlace de la página de una sola pista (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-artist = Una página de artista de FMA incluye varias pistas: pega en su lugar el enlace de la página de una sola pista (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-track-slug = Un enlace /track/ de FMA indica el título, pero no el artista ni el álbum: pega en su lugar el enlace de la página de una sola pista (freemusicarchive.org/music/Artist/Album/Track).

# Archivos de catálogo (/comprobar catálogo).
error-catalog-too-large = { $filename } ocupa { NUMBER($size, minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: 0) } MB; el límite es de { NUMBER($limit, useGrouping: 0) } MB: divídelo en archivos más pequeños.
error-catalog-over-limit = { $filename } supera el límite de { NUMBER($limit, useGrouping: 0) } MB: divídelo en archivos más pequeños.
error-catalog-file-kind = { $filename } es { $kind ->
        [png] una imagen PNG
        [jpeg] una imagen JPEG
        [gif] una imagen GIF
        [pdf] un documento PDF
        [zip] un archivo ZIP (¿un .xlsx de Excel? expórtalo como CSV)
        [office] un documento de Office (expórtalo como CSV)
        [gzip] un archivo gzip
       *[sqlite] una base de datos SQLite
    }, no un CSV ni una lista de pistas en texto.
error-catalog-binary = { $filename } es un archivo binario, no un CSV ni una lista de pistas en texto.
error-catalog-empty = { $filename } está vacío.
error-catalog-encoding = { $filename } no es texto UTF-8 ni UTF-16: guárdalo como UTF-8 y vuelve a intentarlo.
error-catalog-utf16-without-bom = { $filename } no es texto UTF-8 ni UTF-16 (UTF-16 necesita una marca de orden de bytes): guárdalo como UTF-8 y vuelve a intentarlo.
error-catalog-no-songs = { $filename } no tiene pistas: todas las líneas están en blanco o son comentarios con #.
error-catalog-no-columns = { $filename } no tiene columnas reconocibles (se encontraron { $found }{ $more ->
        [0] {""}
       *[other] {" "}y { $more } más
    }; se esperaban artista y título (o artist, title, song, track, performer, band…)), y sus líneas no se leen como «Artista - Título».
error-catalog-header-only = { $filename } tiene una cabecera, pero ninguna pista debajo.
error-catalog-unreadable-csv = { $filename } no es un archivo CSV legible (línea { NUMBER($line, useGrouping: 0) }: { $reason }).
error-catalog-too-many-songs = { $filename } tiene más de { $limit } pistas, el máximo que admite una comprobación: divídelo en archivos más pequeños.

# El índice y sus construcciones (cada búsqueda, /recargar).
error-index-not-built = el índice todavía no se ha creado; un moderador puede usar /recargar
error-index-missing = todavía no hay ningún índice en { $path }: ejecuta primero `trainedon index build`
error-index-schema = el índice de { $path } tiene el esquema { NUMBER($found, useGrouping: 0) } y esta versión necesita el { NUMBER($needed, useGrouping: 0) }: ejecuta `trainedon index build`
error-index-unreadable = el índice de { $path } no se puede leer ({ $reason })
error-reload-running = ya hay una recarga en curso; su resultado se publicará
error-build-locked = hay otra construcción del índice en curso; vuelve a intentarlo cuando termine
error-build-unknown-dataset = index.datasets nombra un conjunto de datos desconocido: { $dataset }
error-build-none-selected = nada que indexar: no hay ningún conjunto de datos seleccionado (revisa index.datasets e include_demo)
error-build-no-files = nada que indexar: no se han encontrado archivos de conjuntos de datos en el directorio de datos
error-build-all-failed = no se ha indexado nada: { $failures }{ $more ->
        [0] {""}
       *[other] ; otros { $more } han fallado
    }
error-build-would-lose = { $dataset }: { $reason }; el índice actual lo sigue sirviendo (arregla los archivos o reconstruye con --allow-partial para quitarlo)
error-build-integrity = el nuevo índice no ha superado su comprobación de integridad ({ $check })
error-build-track-count = el nuevo índice es incoherente: { NUMBER($tracks, useGrouping: 0) } pistas, { NUMBER($declared, useGrouping: 0) } declaradas
error-build-orphan-artists = el nuevo índice es incoherente: hay artistas sin pistas
error-build-no-grams = el nuevo índice es incoherente: no se ha escrito ningún n-grama de búsqueda
error-build-cannot-write = no se ha podido escribir el nuevo índice en { $folder } ({ $cause ->
        [ENOSPC] no queda espacio en el disco
        [EDQUOT] se ha superado la cuota de disco
        [EFBIG] se ha alcanzado el tamaño máximo de archivo
        [SQLITE_FULL] el disco está lleno
       *[SQLITE_IOERR_WRITE] ha fallado una escritura en el disco: ¿está lleno?
    }){ $previous ->
        [kept] ; el índice anterior sigue funcionando
       *[none] {""}
    }
error-build-reader-stopped = un proceso lector de la construcción del índice se ha detenido inesperadamente (código de salida { $code })

# La base de datos de suscripciones (/suscribir, /vigilar y los demás comandos que la usan).
error-store-database-closed = la base de datos de suscripciones está cerrada
error-store-no-answer = la base de datos de suscripciones { $database } no ha respondido en { NUMBER($seconds, useGrouping: 0) } s: { $reason }
