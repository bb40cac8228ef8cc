# Schaltflächen unter den Antworten, und was ein Klick darauf antwortet.

refusal-pager = Nur die Person, die gefragt hat, kann hier blättern; führe /suchen selbst aus, um zu stöbern.
button-summary = Übersicht
button-tracks-page = Tracks { $page } / { $pages }
button-export = CSV + JSON exportieren
export-sent = Das vollständige Ergebnis, mit der ID jeder Zeile in ihrem Datensatz, Link, Trefferwert und Index-Build.

guidance-button = Was kann ich tun?
guidance-title = Was kann ich tun?
guidance-continued = Was kann ich tun? (Fortsetzung)
guidance-footer = Zur Information, keine Rechtsberatung · Hinweise geprüft am { $checked }
guidance-listed-in = Enthalten in: { $datasets }.
guidance-no-route = Kein Weg zum Herausgeber hinterlegt für: { $datasets }.
guidance-go-there = Dorthin
guidance-source-label = Quelle
guidance-source = { $source }, geprüft am { $checked }
