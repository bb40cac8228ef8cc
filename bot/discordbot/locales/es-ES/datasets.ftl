# /conjuntos-de-datos: qué está indexado, y los datos publicados sobre cada conjunto.

datasets-title = Conjuntos de datos indexados
datasets-total = { $tracks } pistas de { $datasets } conjuntos de datos.
datasets-entry = { $tracks } pistas · { $artists } artistas
    Licencia: { $licence }
    { $source } · actualizado el { $updated }
datasets-source = Fuente
datasets-recent = Cambios recientes
datasets-recent-line = • { $when }: { $changes }
change-added = { $name } añadido
change-removed = { $name } retirado
change-changed = { $name } actualizado
change-unchanged = { $name } sin cambios

facts-title = Datos tal como se publicaron, con sus fuentes
facts-continued = Datos tal como se publicaron, con sus fuentes (continuación)
facts-intro = Cada dato tal como lo expresa quien lo publica, enlazado a la página de la que se leyó, con la fecha en que se comprobó. Un dato que nadie pudo comprobar lo indica.
facts-unreadable = No se pudieron leer los datos: { $problem }
facts-none = **Sin verificar**: el manifiesto no recoge ningún dato.
fact-verified = { $label }: { $value } (comprobado el { $checked })
fact-unverified-value = { $label }: { $value } — **sin verificar**: { $why }
fact-unverified = { $label }: **sin verificar**: { $why }
fact-no-source = no consta ninguna fuente
