# Ablehnungen und Fehler, immer nur für die Person sichtbar, die gefragt hat.

error-unexpected = Bei uns ist etwas schiefgegangen; es wurde protokolliert. Bitte versuch es später noch einmal.
error-cooldown = Nicht so schnell: versuch es in { $seconds } s noch einmal.
error-servers-only = Dieser Befehl funktioniert nur auf Servern.
error-missing-permissions = Dafür brauchst du die Berechtigung { $permissions }.
error-bot-missing-permissions = Dafür brauche ich hier die Berechtigung { $permissions }.
error-not-allowed = Das darfst du nicht.
error-invalid-value = Dieser Wert ist hier nicht gültig.
error-not-moderator = Dafür brauchst du { $count ->
        [one] die Berechtigung
       *[other] die Berechtigungen
    } { $permissions } oder eine Moderatorrolle.
error-not-owner = Das kann nur der Besitzer des Bots.
error-store-closed = Abonnements und Beobachtungen sind gerade nicht verfügbar
error-cluster-down = der gemeinsame Zustand des Bots ist gerade nicht verfügbar

refusal-buttons = Nur die Person, die gefragt hat, kann diese Schaltflächen benutzen.

permission-administrator = Administrator
permission-manage_guild = Server verwalten
permission-manage_channels = Kanäle verwalten
permission-view_channel = Kanal ansehen
permission-send_messages = Nachrichten senden
permission-send_messages_in_threads = Nachrichten in Threads senden
permission-embed_links = Links einbetten
permission-attach_files = Dateien anhängen
permission-read_message_history = Nachrichtenverlauf anzeigen
error-restarting = TrainedOn startet gerade neu: bitte versuch es in ein paar Sekunden noch einmal.
