# /datensätze: was indiziert ist, und die veröffentlichten Fakten zu jedem Datensatz.

datasets-title = Indizierte Datensätze
datasets-total = { $tracks } Tracks aus { $datasets } Datensätzen.
datasets-entry = { $tracks } Tracks · { $artists } Künstler
    Lizenz: { $licence }
    { $source } · aktualisiert am { $updated }
datasets-source = Quelle
datasets-recent = Letzte Änderungen
datasets-recent-line = • { $when }: { $changes }
change-added = { $name } hinzugefügt
change-removed = { $name } entfernt
change-changed = { $name } aktualisiert
change-unchanged = { $name } unverändert

facts-title = Fakten wie veröffentlicht, mit Quellen
facts-continued = Fakten wie veröffentlicht, mit Quellen (Fortsetzung)
facts-intro = Jede Angabe so, wie ihr Herausgeber sie macht, verlinkt mit der Seite, auf der sie gelesen wurde, und mit dem Datum der Prüfung. Eine Angabe, die niemand prüfen konnte, sagt das.
facts-unreadable = Die Fakten konnten nicht gelesen werden: { $problem }
facts-none = **Ungeprüft**: im Manifest sind keine Fakten erfasst.
fact-verified = { $label }: { $value } (geprüft am { $checked })
fact-unverified-value = { $label }: { $value } — **ungeprüft**: { $why }
fact-unverified = { $label }: **ungeprüft**: { $why }
fact-no-source = keine Quelle erfasst
