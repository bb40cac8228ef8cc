# /privacidad política, /privacidad olvidarme, /privacidad borrar-datos-del-servidor.

privacy-title = TrainedOn y tus datos
privacy-summary = Buscar algo no guarda nada: los nombres, enlaces y catálogos que compruebas se buscan en memoria y se olvidan en cuanto tienes la respuesta; las exportaciones y los informes se hacen en memoria y se te envían por Discord.
privacy-kept-title = Qué se guarda
privacy-kept = • Las suscripciones y los avisos de artistas que configura un moderador: el servidor, el canal, el artista vigilado y el id de usuario de quien lo configuró, hasta que se quitan, se borra el canal o el bot sale del servidor.
    • Las publicaciones de novedades y los avisos que el bot envía a esos canales (el mensaje tal como se envió), durante el mismo tiempo.
    • El registro del bot: ids de servidores y canales, y el id de usuario de alguien a quien un comando se lo denegó o que configuró algo; nunca lo que buscaste. Su operador lo guarda durante un tiempo limitado.
privacy-delete-title = Cómo borrarlo
privacy-delete = `/privacidad olvidarme` borra los avisos de artistas que creaste y tu id de usuario de las suscripciones que hiciste, en todas partes. `/privacidad borrar-datos-del-servidor` (Gestionar servidor) borra todo lo que se guarda sobre un servidor. Quitar el bot de un servidor hace lo mismo.
privacy-full-title = La política completa
privacy-full-link = Política de privacidad de este bot
privacy-full-source = `docs/PRIVACY.md` en el código fuente de TrainedOn, que es lo que ejecuta este bot.

privacy-forgotten-nothing = TrainedOn no guarda nada sobre ti: ningún aviso de artista ni ninguna suscripción te nombra.
privacy-forgotten = Hecho. { $watches ->
        [one] Borrado { $watches } aviso de artista
       *[other] Borrados { $watches } avisos de artistas
    } que creaste, y quitado tu id de usuario de { $subscriptions ->
        [one] { $subscriptions } suscripción
       *[other] { $subscriptions } suscripciones
    } que hiciste (esos canales siguen recibiendo sus publicaciones de novedades).
privacy-logs-note = Las líneas de registro ya escritas no se editan; se borran cuando vence el plazo de conservación de registros del operador.

privacy-nothing-in-server = TrainedOn no guarda nada sobre este servidor.
privacy-confirm-delete = Esto borra todo lo que TrainedOn guarda sobre este servidor: { $data }. Se acaban todas las publicaciones de novedades y los avisos de artistas aquí. Los mensajes ya publicados se quedan en Discord. No se puede deshacer.
privacy-delete-button = Borrar los datos de este servidor
privacy-cancel-button = Cancelar
privacy-deleted = Datos de este servidor borrados: { $data }.
privacy-cancelled = No se ha borrado nada.
privacy-server-data = { $subscriptions ->
        [one] { $subscriptions } suscripción
       *[other] { $subscriptions } suscripciones
    }, { $watches ->
        [one] { $watches } aviso de artista
       *[other] { $watches } avisos de artistas
    } y { $posts ->
        [one] { $posts } publicación guardada
       *[other] { $posts } publicaciones guardadas
    }
