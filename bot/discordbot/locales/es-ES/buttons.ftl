# Botones bajo las respuestas, y lo que responde al pulsarlos.

refusal-pager = Solo la persona que preguntó puede pasar estas páginas; usa /buscar tú mismo para explorar.
button-summary = Resumen
button-tracks-page = Pistas { $page } / { $pages }
button-export = Exportar CSV + JSON
export-sent = El resultado completo, con el id de cada fila en su conjunto de datos, el enlace, la puntuación y la versión del índice.

guidance-button = ¿Qué puedo hacer?
guidance-title = ¿Qué puedo hacer?
guidance-continued = ¿Qué puedo hacer? (continuación)
guidance-footer = Información, no asesoramiento jurídico · orientación comprobada el { $checked }
guidance-listed-in = Aparece en: { $datasets }.
guidance-no-route = Ninguna vía de contacto con el editor registrada para: { $datasets }.
guidance-go-there = Ir allí
guidance-source-label = Fuente
guidance-source = { $source }, comprobado el { $checked }
