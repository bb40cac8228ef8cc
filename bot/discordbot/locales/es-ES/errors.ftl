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
