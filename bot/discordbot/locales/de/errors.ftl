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

## Fehler aus dem Kern des Bots (bot/errors.py), in der Sprache der Person, die gefragt hat.
## Dateinamen, Pfade und von anderswo zitierte Gründe bleiben, wie sie sind.

# Eingefügte Links (/suchen link, /beobachten künstler).
error-link-not-a-link = Das ist kein Link und keine ID, die TrainedOn nachschlagen kann: füge einen YouTube- oder YouTube-Music-Video-Link (youtube.com/watch?v=…, youtu.be/…, /shorts/…), einen YouTube-Kanal-Link (youtube.com/channel/UC…), einen Spotify-Track- oder -Künstler-Link (open.spotify.com/track/…, /artist/…, spotify:track:…), eine FMA-Trackseite (freemusicarchive.org/music/Artist/Album/Track) oder eine bloße Video-ID (11 Zeichen), Kanal-ID (UC und 22 weitere) oder FMA-Tracknummer ein.
error-link-channel-name = { $what ->
        [handle] Ein YouTube-@handle lässt
        [custom] Eine eigene YouTube-Kanaladresse (/c/ oder ein bloßer Name) lässt
       *[user] Eine YouTube-/user/-Adresse lässt
    } sich nicht offline auflösen: öffne den Kanal und kopiere seine ID über „Kanal teilen → Kanal-ID kopieren“ (sie beginnt mit UC), oder füge den Link zu einem seiner Videos ein.
error-link-spotify-collection = Ein Spotify-{ $what ->
        [album] Album-Link
        [playlist] Playlist-Link
        [show] Podcast-Link
       *[episode] Episoden-Link
    } lässt sich nicht offline auflösen: füge stattdessen den open.spotify.com/track/…-Link eines seiner Tracks oder einen open.spotify.com/artist/…-Link ein.
error-link-youtube-playlist = Ein YouTube-Playlist-Link lässt sich nicht offline auflösen: öffne eines ihrer Videos und füge stattdessen den Link dieses Videos (mit watch?v=) ein.
error-link-youtube-search = Eine YouTube-Suche lässt sich nicht offline auflösen: öffne das Video, das du meinst, und füge stattdessen seinen Link ein.
error-link-music-album = Eine YouTube-Music-Albumseite lässt sich nicht offline auflösen: füge stattdessen den Link eines ihrer Songs (music.youtube.com/watch?v=…) oder des Kanals des Künstlers ein.
error-link-spotify-short = Ein Spotify-Kurzlink lässt sich nicht offline auflösen: öffne ihn und füge stattdessen die open.spotify.com-Adresse ein, zu der er führt.
error-link-spotify-ambiguous = Eine bloße Spotify-ID kann ein Track oder ein Künstler sein: füge stattdessen ihren open.spotify.com/track/…- oder open.spotify.com/artist/…-Link ein.
error-link-fma-album = Eine FMA-Albumseite listet mehrere Tracks auf: füge stattdessen den Seitenlink eines einzelnen Tracks ein (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-artist = Eine FMA-Künstlerseite listet mehrere Tracks auf: füge stattdessen den Seitenlink eines einzelnen Tracks ein (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-track-slug = Ein FMA-/track/-Link nennt den Titel, aber weder den Künstler noch das Album: füge stattdessen den Seitenlink eines einzelnen Tracks ein (freemusicarchive.org/music/Artist/Album/Track).

# Katalogdateien (/prüfen katalog).
error-catalog-too-large = { $filename } ist { NUMBER($size, minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: 0) } MB groß; die Grenze liegt bei { NUMBER($limit, useGrouping: 0) } MB: teile die Datei in kleinere Dateien auf.
error-catalog-over-limit = { $filename } ist größer als die Grenze von { NUMBER($limit, useGrouping: 0) } MB: teile die Datei in kleinere Dateien auf.
error-catalog-file-kind = { $filename } ist { $kind ->
        [png] ein PNG-Bild
        [jpeg] ein JPEG-Bild
        [gif] ein GIF-Bild
        [pdf] ein PDF-Dokument
        [zip] ein ZIP-Archiv (eine Excel-.xlsx? exportiere sie als CSV)
        [office] ein Office-Dokument (exportiere es als CSV)
        [gzip] ein gzip-Archiv
       *[sqlite] eine SQLite-Datenbank
    }, keine CSV-Datei und keine Textliste von Tracks.
error-catalog-binary = { $filename } ist eine Binärdatei, keine CSV-Datei und keine Textliste von Tracks.
error-catalog-empty = { $filename } ist leer.
error-catalog-encoding = { $filename } ist kein UTF-8- oder UTF-16-Text: speichere die Datei als UTF-8 und versuch es noch einmal.
error-catalog-utf16-without-bom = { $filename } ist kein UTF-8- oder UTF-16-Text (UTF-16 braucht eine Byte-Order-Mark): speichere die Datei als UTF-8 und versuch es noch einmal.
error-catalog-no-songs = { $filename } enthält keine Tracks: jede Zeile ist leer oder ein #-Kommentar.
error-catalog-no-columns = { $filename } hat keine erkennbaren Spalten (gefunden: { $found }{ $more ->
        [0] {""}
       *[other] {" "}und { $more } weitere
    }; erwartet: Künstler und Titel (oder artist, title, song, track, performer, band…)), und ihre Zeilen lesen sich nicht als „Künstler - Titel“.
error-catalog-header-only = { $filename } hat eine Kopfzeile, aber keine Tracks darunter.
error-catalog-unreadable-csv = { $filename } ist keine lesbare CSV-Datei (Zeile { NUMBER($line, useGrouping: 0) }: { $reason }).
error-catalog-too-many-songs = { $filename } hat mehr als { $limit } Tracks, die höchste Zahl, die eine Prüfung annimmt: teile die Datei in kleinere Dateien auf.

# Der Index und seine Aufbauten (jede Suche, /neu-laden).
error-index-not-built = der Index wurde noch nicht erstellt; ein Moderator kann /neu-laden ausführen
error-index-missing = noch kein Index unter { $path }: führe zuerst `trainedon index build` aus
error-index-schema = der Index unter { $path } hat Schema { NUMBER($found, useGrouping: 0) }, diese Version braucht { NUMBER($needed, useGrouping: 0) }: führe `trainedon index build` aus
error-index-unreadable = der Index unter { $path } ist nicht lesbar ({ $reason })
error-reload-running = es läuft bereits ein Neuaufbau; sein Ergebnis wird gepostet
error-build-locked = ein anderer Indexaufbau läuft gerade; versuch es noch einmal, wenn er fertig ist
error-build-unknown-dataset = index.datasets nennt einen unbekannten Datensatz: { $dataset }
error-build-none-selected = nichts zu indizieren: kein Datensatz ist ausgewählt (prüfe index.datasets und include_demo)
error-build-no-files = nichts zu indizieren: im Datenverzeichnis wurden keine Datensatzdateien gefunden
error-build-all-failed = nichts wurde indiziert: { $failures }{ $more ->
        [0] {""}
       *[other] ; { $more } weitere fehlgeschlagen
    }
error-build-would-lose = { $dataset }: { $reason }; der aktuelle Index liefert ihn weiter aus (repariere die Dateien oder baue mit --allow-partial neu, um ihn wegzulassen)
error-build-integrity = der neue Index hat seine Integritätsprüfung nicht bestanden ({ $check })
error-build-track-count = der neue Index ist widersprüchlich: { NUMBER($tracks, useGrouping: 0) } Tracks, { NUMBER($declared, useGrouping: 0) } angegeben
error-build-orphan-artists = der neue Index ist widersprüchlich: Künstler ohne Tracks
error-build-no-grams = der neue Index ist widersprüchlich: es wurden keine Such-N-Gramme geschrieben
error-build-cannot-write = der neue Index konnte nicht in { $folder } geschrieben werden ({ $cause ->
        [ENOSPC] kein Speicherplatz mehr auf dem Datenträger
        [EDQUOT] Speicherkontingent überschritten
        [EFBIG] Dateigrößenlimit erreicht
        [SQLITE_FULL] der Datenträger ist voll
       *[SQLITE_IOERR_WRITE] ein Schreibvorgang auf den Datenträger ist fehlgeschlagen: ist er voll?
    }){ $previous ->
        [kept] ; der bisherige Index bleibt in Betrieb
       *[none] {""}
    }
error-build-reader-stopped = ein Leseprozess des Indexaufbaus wurde unerwartet beendet (Exit-Code { $code })

# Die Abonnement-Datenbank (/abonnieren, /beobachten und die anderen Befehle, die sie nutzen).
error-store-database-closed = die Abonnement-Datenbank ist geschlossen
error-store-no-answer = die Abonnement-Datenbank { $database } hat { NUMBER($seconds, useGrouping: 0) } s lang nicht geantwortet: { $reason }
