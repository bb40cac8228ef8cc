# /ayuda: qué hace el bot, cada comando con quién puede usarlo, los datos, los límites.

help-title = Acerca de TrainedOn
help-about = TrainedOn indica a músicos, sellos y sus comunidades si sus canciones aparecen en los conjuntos de datos públicos con los que se entrena la IA que genera música. Busca en un índice local de los metadatos que publican esos conjuntos de datos —títulos, artistas, enlaces— y perdona erratas, tildes olvidadas y nombres a medio escribir.
help-commands = Comandos
help-command = `{ $usage }` — { $description } · *{ $who }*
help-command-servers = `{ $usage }` — { $description } · *{ $who }, en servidores*
help-who-everyone = todo el mundo
help-who-owner = el propietario del bot
help-who-moderators = { $permissions } o un rol de moderador
help-buttons = Bajo una respuesta: **Exportar CSV + JSON** (las filas, para citarlas) y, si una canción aparece, **¿Qué puedo hacer?**
help-data-built = Datos (índice creado el { $when })
help-data = Datos
help-data-line = • { $dataset } — { $tracks } pistas
help-no-index = El índice todavía no se ha creado.
help-limits-title = Límites
help-limits = Muestra lo que recogen los metadatos de los conjuntos de datos: que un conjunto de datos enlaza a una pista, no que alguna empresa haya entrenado con ella, ni si el audio sigue en línea. Los nombres se comparan por su escritura: donde un conjunto de datos publica ids de artista, los artistas con el mismo nombre se distinguen por ellos; en los demás se ven iguales. El índice está tan al día como su última reconstrucción.
