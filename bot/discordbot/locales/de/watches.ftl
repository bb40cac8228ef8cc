# /beobachten künstler, /nicht-mehr-beobachten künstler, /beobachtungen, und die Hinweise an einen beobachtenden Kanal.

refusal-picker = Nur die Person, die gefragt hat, kann hier wählen; führe /beobachten künstler selbst aus.
picker-watch-anyway = „{ $name }“ trotzdem beobachten
picker-none = Keiner davon
picker-nothing = Es wird nichts beobachtet.
picker-not-exact = „{ $name }“ ist keine exakte Übereinstimmung. Welcher Künstler soll beobachtet werden?
picker-not-indexed = „{ $name }“ ist in keinem indizierten Datensatz. Meintest du einen von diesen? Oder „{ $name }“ beobachten, obwohl er noch in keinem Datensatz ist?
picker-watch-unindexed = „{ $name }“ beobachten, obwohl er noch in keinem Datensatz ist?

watch-not-artist-link = Das ist ein { $kind ->
        [youtube_video] YouTube-Video-Link
        [youtube_channel] YouTube-Music-Kanal-Link
        [spotify_track] Spotify-Track-Link
        [spotify_artist] Spotify-Künstler-Link
       *[fma_track] FMA-Track-Link
    }; eine Beobachtung folgt einem Künstler: füge den Link zu seinem YouTube-Music-Kanal oder Spotify-Künstlerprofil ein, oder seinen Namen.
watch-no-letters = Dieser Name hat keine Buchstaben oder Ziffern, die man beobachten könnte.
watch-already = { $channel } beobachtet **{ $name }** bereits.
watch-added-here = **{ $name }** wird jetzt hier beobachtet: ein Beitrag, sobald ein Neuaufbau einem Datensatz Tracks dieses Künstlers hinzufügt.
watch-added-in = **{ $name }** wird jetzt in { $channel } beobachtet: ein Beitrag, sobald ein Neuaufbau einem Datensatz Tracks dieses Künstlers hinzufügt.
watch-link-added-here = **{ $name }** wird jetzt hier beobachtet: ein Beitrag, sobald ein Neuaufbau einem Datensatz Tracks hinzufügt, die { $kind ->
        [youtube_channel] diesem YouTube-Music-Kanal
        [spotify_artist] diesem Spotify-Künstler
        [youtube_video] diesem YouTube-Video
        [spotify_track] diesem Spotify-Track
       *[fma_track] diesem FMA-Track
    } zugeschrieben werden.
watch-link-added-in = **{ $name }** wird jetzt in { $channel } beobachtet: ein Beitrag, sobald ein Neuaufbau einem Datensatz Tracks hinzufügt, die { $kind ->
        [youtube_channel] diesem YouTube-Music-Kanal
        [spotify_artist] diesem Spotify-Künstler
        [youtube_video] diesem YouTube-Video
        [spotify_track] diesem Spotify-Track
       *[fma_track] diesem FMA-Track
    } zugeschrieben werden.
watch-link-not-indexed = Er ist noch in keinem indizierten Datensatz.
unwatch-removed = { $channel } beobachtet **{ $name }** nicht mehr.
unwatch-not-watched = { $channel } beobachtet **{ $name }** nicht; siehe /beobachtungen.
watches-title = Künstler-Beobachtungen
watches-line = • { $channel } — **{ $name }** — { $state }
watches-none-server = Auf diesem Server wird nichts beobachtet.
watches-none-channel = In { $channel } wird nichts beobachtet.

alert-title = Neu in den Datensätzen: { $name }
alert-added = Der Neuaufbau vom { $when } hat **{ $tracks }** { $tracks ->
        [one] Track
       *[other] Tracks
    } von **{ $name }** hinzugefügt.
alert-dataset = **+{ $tracks }** { $tracks ->
        [one] neuer Track
       *[other] neue Tracks
    }
alert-samples = Einige der neuen Tracks
