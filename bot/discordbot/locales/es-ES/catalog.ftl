# /comprobar catálogo: un catálogo entero comprobado de una vez.

catalog-queued = Se está comprobando otro catálogo; el tuyo es el siguiente.
catalog-progress = Comprobando tu catálogo… { $done } de { $total } filas.
catalog-title = Comprobación del catálogo: { $file }
catalog-found = **{ $found }** de { $rows } pistas encontradas en al menos un conjunto de datos
catalog-found-by-id = **{ $found }** de { $rows } pistas encontradas en al menos un conjunto de datos ({ $by_id } por id exacto)
catalog-uncertain = { $count } dudosas
catalog-not-found = { $count } no encontradas
catalog-unreadable = { $count } filas ilegibles
catalog-dataset = { $found } encontradas · { $uncertain } dudosas
catalog-by-exact-id = id exacto
catalog-score = { $score } %
catalog-strongest = Coincidencias más fuertes
catalog-full-results = Resultados completos en el CSV adjunto
