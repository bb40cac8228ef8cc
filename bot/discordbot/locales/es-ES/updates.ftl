# Publicaciones sobre un índice reconstruido, y la respuesta de /recargar.

update-title = Novedades de los conjuntos de datos
update-rebuilt = El índice se reconstruyó el { $when }: { $tracks } pistas, { $artists } artistas.
update-nothing = Ningún conjunto de datos ha cambiado
update-nothing-detail = Las cifras siguen igual.
change-title-added = { $name } — añadido
change-title-removed = { $name } — retirado
change-title-changed = { $name } — actualizado
change-title-unchanged = { $name } — sin cambios
change-was = tenía { $tracks } pistas · { $artists } artistas
change-counts = { $tracks } pistas · { $artists } artistas
change-track-delta = { $delta } pistas
change-tracks-in-out = +{ $added } / −{ $removed } pistas
change-now = { $tracks } (ahora { $total }) · { $artists } artistas ({ $artists_total })
change-new-artists = { $count } artistas nuevos, p. ej. { $examples }
change-source-version = versión de la fuente { $version }
change-source-date = archivos de origen con fecha { $when }

reload-title = Recarga hecha en { $seconds } s
reload-failed = • `{ $dataset }` ha fallado: { $error }
reload-skipped = • `{ $dataset }`: { $rows } filas omitidas
reload-skipped-example = • `{ $dataset }`: { $rows } filas omitidas (p. ej. { $path } línea { $line }: { $reason })
reload-problems = Omitido y fallido
reload-processes = Procesos
convergence-serving = { $serving } de { $total } procesos sirven esta versión (huella `{ $fingerprint }`).
convergence-old-build = sigue sirviendo la versión de { $build }
convergence-still = sigue en estado { $state }
reload-running = Ya hay una recarga en curso; su informe se publicará aquí.
reload-failed-whole = La recarga ha fallado: { $error }
    El índice anterior sigue funcionando.
update-check-failed = Ha fallado la comprobación de novedades de los conjuntos de datos: { $reason }
    El índice actual sigue funcionando; próximo intento dentro de { $minutes } min.
