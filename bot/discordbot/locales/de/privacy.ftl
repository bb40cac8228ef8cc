# /datenschutz richtlinie, /datenschutz vergiss-mich, /datenschutz serverdaten-löschen.

privacy-title = TrainedOn und deine Daten
privacy-summary = Eine Suche speichert nichts: Die Namen, Links und Kataloge, die du prüfst, werden im Arbeitsspeicher durchsucht und vergessen, sobald du die Antwort hast; Exporte und Berichte entstehen im Arbeitsspeicher und werden dir in Discord geschickt.
privacy-kept-title = Was gespeichert wird
privacy-kept = • Abonnements und Künstler-Beobachtungen, die ein Moderator einrichtet: der Server, der Kanal, der beobachtete Künstler und die Benutzer-ID der Person, die es eingerichtet hat, bis es entfernt wird, der Kanal gelöscht wird oder der Bot den Server verlässt.
    • Die Update-Beiträge und Hinweise, die der Bot in diese Kanäle schickt (die Nachricht wie gesendet), ebenso lange.
    • Das Protokoll des Bots: Server- und Kanal-IDs, und die Benutzer-ID von jemandem, dem ein Befehl verweigert wurde oder der etwas eingerichtet hat; nie, wonach du gesucht hast. Der Betreiber bewahrt es begrenzte Zeit auf.
privacy-delete-title = Löschen
privacy-delete = `/datenschutz vergiss-mich` löscht die Künstler-Beobachtungen, die du angelegt hast, und deine Benutzer-ID aus den Abonnements, die du eingerichtet hast, überall. `/datenschutz serverdaten-löschen` (Server verwalten) löscht alles, was über einen Server gespeichert ist. Den Bot von einem Server zu entfernen bewirkt dasselbe.
privacy-full-title = Die vollständige Richtlinie
privacy-full-link = Datenschutzrichtlinie dieses Bots
privacy-full-source = `docs/PRIVACY.md` im Quellcode von TrainedOn, den dieser Bot ausführt.

privacy-forgotten-nothing = TrainedOn speichert nichts über dich: keine Künstler-Beobachtung und kein Abonnement nennt dich.
privacy-forgotten = Erledigt. { $watches ->
        [one] { $watches } Künstler-Beobachtung
       *[other] { $watches } Künstler-Beobachtungen
    }, die du angelegt hast, gelöscht, und deine Benutzer-ID aus { $subscriptions ->
        [one] { $subscriptions } Abonnement
       *[other] { $subscriptions } Abonnements
    } entfernt, die du eingerichtet hast (diese Kanäle bekommen weiter ihre Update-Beiträge).
privacy-logs-note = Bereits geschriebene Protokollzeilen werden nicht bearbeitet; sie werden gelöscht, wenn die Aufbewahrungsfrist des Betreibers abläuft.

privacy-nothing-in-server = TrainedOn speichert nichts über diesen Server.
privacy-confirm-delete = Damit wird alles gelöscht, was TrainedOn über diesen Server speichert: { $data }. Alle Update-Beiträge und Künstler-Hinweise hier hören auf. Bereits gepostete Nachrichten bleiben in Discord. Das lässt sich nicht rückgängig machen.
privacy-delete-button = Daten dieses Servers löschen
privacy-cancel-button = Abbrechen
privacy-deleted = Daten dieses Servers gelöscht: { $data }.
privacy-cancelled = Es wurde nichts gelöscht.
privacy-server-data = { $subscriptions ->
        [one] { $subscriptions } Abonnement
       *[other] { $subscriptions } Abonnements
    }, { $watches ->
        [one] { $watches } Künstler-Beobachtung
       *[other] { $watches } Künstler-Beobachtungen
    } und { $posts ->
        [one] { $posts } gespeicherter Beitrag
       *[other] { $posts } gespeicherte Beiträge
    }
