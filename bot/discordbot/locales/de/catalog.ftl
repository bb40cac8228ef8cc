# /prüfen katalog: ein ganzer Katalog auf einmal geprüft.

catalog-queued = Gerade wird ein anderer Katalog geprüft; deiner ist als Nächstes dran.
catalog-progress = Dein Katalog wird geprüft… { $done } von { $total } Zeilen.
catalog-title = Katalogprüfung: { $file }
catalog-found = **{ $found }** von { $rows } Tracks in mindestens einem Datensatz gefunden
catalog-found-by-id = **{ $found }** von { $rows } Tracks in mindestens einem Datensatz gefunden ({ $by_id } über die exakte ID)
catalog-uncertain = { $count } unsicher
catalog-not-found = { $count } nicht gefunden
catalog-unreadable = { $count } Zeilen unlesbar
catalog-dataset = { $found } gefunden · { $uncertain } unsicher
catalog-by-exact-id = exakte ID
catalog-score = { $score } %
catalog-strongest = Stärkste Treffer
catalog-full-results = Alle Ergebnisse in der angehängten CSV-Datei
