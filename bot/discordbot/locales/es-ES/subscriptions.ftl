# /suscribir, /cancelar-suscripción, /suscripciones: novedades de los conjuntos de datos en un canal.

subscribe-added = { $channel } recibirá una publicación cada vez que cambie el índice.
subscribe-already = { $channel } ya está suscrito.
unsubscribe-removed = { $channel } dejará de recibir publicaciones de novedades.
unsubscribe-not-subscribed = { $channel } no estaba suscrito.
subscriptions-title = Suscripciones a novedades
subscriptions-line = • { $channel } — { $state }
subscriptions-line-last = • { $channel } — { $state }, última publicación: versión del { $build }
subscriptions-none = Ningún canal de este servidor está suscrito.
state-disabled = desactivado tras { $failures } fallos ({ $error })
state-since = desde el { $date }
