# Slash-Befehle, wie Discord sie anzeigt: der Wert ist der Name (Kleinbuchstaben, keine
# Leerzeichen, 1-32 Zeichen), `.description` die Beschreibung (1-100 Zeichen).

command-lookup = suchen
    .description = Ist ein Künstler oder ein Song in den indizierten Datensätzen?
command-lookup-artist = künstler
    .description = Ist dieser Künstler in den KI-Trainingsdatensätzen?
option-lookup-artist-name = name
    .description = Der Name des Künstlers (Tippfehler sind kein Problem)
option-lookup-artist-private = privat
    .description = Nur du siehst die Antwort
command-lookup-song = song
    .description = Ist dieser Song in den KI-Trainingsdatensätzen?
option-lookup-song-title = titel
    .description = Der Titel des Songs (Tippfehler sind kein Problem)
option-lookup-song-artist = künstler
    .description = Der Künstler, um Songs mit demselben Titel zu unterscheiden
option-lookup-song-private = privat
    .description = Nur du siehst die Antwort
command-lookup-link = link
    .description = Welche Datensätze führen diesen YouTube-, Spotify- oder FMA-Link?
option-lookup-link-url = url
    .description = Ein Video-, Kanal-, Spotify-Track- oder Spotify-Künstler-Link oder nur die ID
option-lookup-link-private = privat
    .description = Nur du siehst die Antwort

command-datasets = datensätze
    .description = Welche Datensätze indiziert sind, und wie groß sie sind

command-subscribe = abonnieren
    .description = Datensatz-Updates in einem Kanal posten (standardmäßig in diesem)
option-subscribe-channel = kanal
    .description = Wo Updates gepostet werden (Standard: hier)
command-unsubscribe = abbestellen
    .description = Keine Datensatz-Updates mehr in einem Kanal posten
option-unsubscribe-channel = kanal
    .description = Welcher Kanal (Standard: dieser)
command-subscriptions = abonnements
    .description = Welche Kanäle dieses Servers Datensatz-Updates erhalten

command-watch = beobachten
    .description = Benachrichtigt werden, wenn ein Künstler neue Tracks bekommt
command-watch-artist = künstler
    .description = Hier posten, wenn ein Neuaufbau Tracks dieses Künstlers hinzufügt
option-watch-artist-name = name
    .description = Name des Künstlers (Tippfehler egal) oder Link zu seinem YouTube-Music-Kanal oder Spotify-Profil
option-watch-artist-channel = kanal
    .description = Wo gepostet wird (Standard: hier)
command-unwatch = nicht-mehr-beobachten
    .description = Einen Künstler nicht mehr beobachten
command-unwatch-artist = künstler
    .description = Nicht mehr über diesen Künstler posten
option-unwatch-artist-name = name
    .description = Ein beobachteter Künstler
option-unwatch-artist-channel = kanal
    .description = Welcher Kanal (Standard: dieser)
command-watches = beobachtungen
    .description = Welche Künstler die Kanäle dieses Servers beobachten
option-watches-channel = kanal
    .description = Nur dieser Kanal (Standard: der ganze Server)

command-reload = neu-laden
    .description = Den Index aus den Datendateien neu aufbauen (Moderatoren)
command-help = hilfe
    .description = Was TrainedOn tut, und wo seine Grenzen liegen
command-check = prüfen
    .description = Einen ganzen Katalog mit allen indizierten Datensätzen abgleichen.
command-check-catalog = katalog
    .description = Eine CSV-Datei oder „Künstler - Titel“-Liste mit den Datensätzen abgleichen
option-check-catalog-file = datei
    .description = CSV mit Spalten Künstler und Titel (YouTube-/Spotify-Links optional) oder Zeilen „Künstler - Titel“
option-check-catalog-private = privat
    .description = Nur du siehst die Antwort
command-status = status
    .description = Shards, Index-Build und andere Prozesse dieses Prozesses (Bot-Besitzer)

command-privacy = datenschutz
    .description = Was TrainedOn über dich speichert, und wie du es löschst
command-privacy-policy = richtlinie
    .description = Was TrainedOn speichert, wie lange, und wie du es löschen lassen kannst
command-privacy-forget-me = vergiss-mich
    .description = Deine angelegten Künstler-Beobachtungen und deine ID aus Abonnements löschen
command-privacy-delete-server-data = serverdaten-löschen
    .description = Abonnements, Beobachtungen und gespeicherte Beiträge dieses Servers löschen
