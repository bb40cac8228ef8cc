# Refus et erreurs, toujours montrés en privé à la personne qui a demandé.

error-unexpected = Un problème est survenu de notre côté ; il a été consigné. Veuillez réessayer plus tard.
error-cooldown = Doucement : réessayez dans { $seconds } s.
error-servers-only = Cette commande ne fonctionne que sur les serveurs.
error-missing-permissions = Il vous faut la permission { $permissions } pour faire cela.
error-bot-missing-permissions = Il me faut la permission { $permissions } ici pour faire cela.
error-not-allowed = Vous n'êtes pas autorisé à faire cela.
error-invalid-value = Cette valeur n'est pas valide ici.
error-not-moderator = Il vous faut { $count ->
        [one] la permission
       *[other] les permissions
    } { $permissions } ou un rôle de modérateur pour faire cela.
error-not-owner = Seul le propriétaire du bot peut faire cela.
error-store-closed = les abonnements et les suivis ne sont pas disponibles pour le moment
error-cluster-down = l'état partagé du bot n'est pas disponible pour le moment

refusal-buttons = Seule la personne qui a demandé peut utiliser ces boutons.

permission-administrator = Administrateur
permission-manage_guild = Gérer le serveur
permission-manage_channels = Gérer les salons
permission-view_channel = Voir le salon
permission-send_messages = Envoyer des messages
permission-send_messages_in_threads = Envoyer des messages dans les fils
permission-embed_links = Intégrer des liens
permission-attach_files = Joindre des fichiers
permission-read_message_history = Voir les anciens messages
error-restarting = TrainedOn redémarre : veuillez réessayer dans quelques secondes.
