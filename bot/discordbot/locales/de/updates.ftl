# Beiträge über einen neu aufgebauten Index, und die Antwort von /neu-laden.

update-title = Datensatz-Update
update-rebuilt = Der Index wurde am { $when } neu aufgebaut: { $tracks } Tracks, { $artists } Künstler.
update-nothing = Kein Datensatz hat sich geändert
update-nothing-detail = Die Zahlen sind unverändert.
change-title-added = { $name } — hinzugefügt
change-title-removed = { $name } — entfernt
change-title-changed = { $name } — aktualisiert
change-title-unchanged = { $name } — unverändert
change-was = hatte { $tracks } Tracks · { $artists } Künstler
change-counts = { $tracks } Tracks · { $artists } Künstler
change-track-delta = { $delta } Tracks
change-tracks-in-out = +{ $added } / −{ $removed } Tracks
change-now = { $tracks } (jetzt { $total }) · { $artists } Künstler ({ $artists_total })
change-new-artists = { $count } neue Künstler, z. B. { $examples }
change-source-version = Quellversion { $version }
change-source-date = Quelldateien vom { $when }

reload-title = Neu laden fertig in { $seconds } s
reload-failed = • `{ $dataset }` fehlgeschlagen: { $error }
reload-skipped = • `{ $dataset }`: { $rows } Zeilen übersprungen
reload-skipped-example = • `{ $dataset }`: { $rows } Zeilen übersprungen (z. B. { $path } Zeile { $line }: { $reason })
reload-problems = Übersprungen und fehlgeschlagen
reload-processes = Prozesse
convergence-serving = { $serving } von { $total } Prozessen liefern diesen Build aus (Fingerabdruck `{ $fingerprint }`).
convergence-old-build = liefert noch den Build vom { $build } aus
convergence-still = noch { $state }
reload-running = Es läuft bereits ein Neuaufbau; sein Bericht wird hier gepostet.
reload-failed-whole = Neu laden fehlgeschlagen: { $error }
    Der bisherige Index bleibt in Betrieb.
update-check-failed = Die Prüfung auf Datensatz-Updates ist fehlgeschlagen: { $reason }
    Der aktuelle Index bleibt in Betrieb; nächster Versuch in { $minutes } Min.
