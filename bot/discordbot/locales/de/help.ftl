# /hilfe: was der Bot tut, jeder Befehl mit wer ihn benutzen darf, die Daten, die Grenzen.

help-title = Über TrainedOn
help-about = TrainedOn sagt Musikerinnen und Musikern, Labels und ihren Communities, ob ihre Songs in den öffentlichen Datensätzen stehen, mit denen musikerzeugende KI trainiert wird. Es durchsucht einen lokalen Index der veröffentlichten Metadaten dieser Datensätze — Titel, Künstler, Links — und verzeiht Tippfehler, fehlende Akzente und halb eingegebene Namen.
help-commands = Befehle
help-command = `{ $usage }` — { $description } · *{ $who }*
help-command-servers = `{ $usage }` — { $description } · *{ $who }, auf Servern*
help-who-everyone = alle
help-who-owner = der Besitzer des Bots
help-who-moderators = { $permissions } oder eine Moderatorrolle
help-buttons = Unter einer Antwort: **CSV + JSON exportieren** (die Zeilen zum Zitieren) und, wenn ein Song enthalten ist, **Was kann ich tun?**
help-data-built = Daten (Index erstellt am { $when })
help-data = Daten
help-data-line = • { $dataset } — { $tracks } Tracks
help-no-index = Der Index wurde noch nicht erstellt.
help-limits-title = Grenzen
help-limits = Er zeigt, was die Metadaten der Datensätze aufführen: dass ein Datensatz auf einen Track verlinkt, nicht dass ein Unternehmen damit trainiert hat, und auch nicht, ob das Audio noch online ist. Namen werden nach ihrer Schreibweise abgeglichen: wo ein Datensatz Künstler-IDs veröffentlicht, werden gleichnamige Künstler daran unterschieden; anderswo sehen sie gleich aus. Der Index ist so aktuell wie sein letzter Neuaufbau.
