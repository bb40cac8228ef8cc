# Die Antwort auf /suchen künstler und /suchen song, und die Seiten mit allen Tracks.

lookup-title-artist = Künstler: { $name }
lookup-title-song = Song: { $name }
lookup-score = Übereinstimmung **{ $score } %** für „{ $query }“
lookup-uncertain = ⚠️ Keine exakte Übereinstimmung: meinst du diesen Eintrag? Siehe *Meintest du* unten.
lookup-total = **{ $tracks }** { $tracks ->
        [one] Track
       *[other] Tracks
    } in **{ $holders }** von { $datasets } indizierten Datensätzen.
lookup-samples = Beispiel-Tracks
lookup-did-you-mean = Meintest du
lookup-other-matches = Weitere Treffer
lookup-other-line = • { $name } — { $score } %, { $tracks } Tracks
lookup-not-found-title-artist = Künstler nicht gefunden
lookup-not-found-title-song = Song nicht gefunden
lookup-not-found = „{ $query }“ ist in keinem indizierten Datensatz zu finden.
lookup-near-misses = Knapp daneben (zu verschieden, um derselbe Name zu sein)
lookup-near-miss-line = • { $name } — { $score } %

identity-shared = { $count } verschiedene { $kind ->
        [youtube_channel] YouTube-Music-Kanäle
        [spotify_artist] Spotify-Künstler
        [youtube_video] YouTube-Videos
        [spotify_track] Spotify-Tracks
       *[fma_track] FMA-Tracks
    } werden in { $dataset } als { $name } geführt
identity-line = • { $id } — { $tracks } { $tracks ->
        [one] Track
       *[other] Tracks
    }
identity-line-titles = • { $id } — { $tracks } { $tracks ->
        [one] Track
       *[other] Tracks
    }: { $titles }
identity-hint = `/suchen link` mit einem davon zeigt nur dessen Tracks.

sample-line = • { $title } — { $artists } · `{ $dataset }`
sample-line-demo = • { $title } — { $artists } · `{ $dataset }` (Demo)

tracks-title-artist = Künstler: { $name } — alle Tracks
tracks-title-song = Song: { $name } — alle Tracks
tracks-page-empty = Keine Tracks auf dieser Seite.
page-of = Seite { $page } von { $pages }

count-tracks-bold = **{ $tracks }** { $tracks ->
        [one] Track
       *[other] Tracks
    }
dataset-demo = { $name } (Demo)
list-more = … und { $count } weitere

footer-built = Index erstellt am { $when }
footer-demo = Demodaten, fiktiv
disclaimer = Metadaten von Datensätzen, kein Beweis dafür, womit ein Unternehmen trainiert hat.

lookup-nothing = Darin gibt es nichts zu suchen: gib einen Namen mit mindestens einem Buchstaben, einer Ziffer oder einem Symbol ein.
