# La réponse à /rechercher lien : l'identifiant d'une vidéo, d'un morceau, d'une chaîne ou d'un artiste.

id-kind-youtube_video = Vidéo YouTube
id-kind-youtube_channel = Chaîne YouTube Music
id-kind-spotify_track = Morceau Spotify
id-kind-spotify_artist = Artiste Spotify
id-kind-fma_track = Morceau FMA

link-not-found-title = Dans aucun jeu de données indexé
link-not-found = { $kind ->
        [youtube_video] Cette vidéo YouTube
        [youtube_channel] Cette chaîne YouTube Music
        [spotify_track] Ce morceau Spotify
        [spotify_artist] Cet artiste Spotify
       *[fma_track] Ce morceau FMA
    } ({ $id }) ne figure dans aucun jeu de données indexé.
link-fma-hint = Les adresses des pages FMA ont pu changer depuis la création du jeu de données (2017) : essayez le numéro du morceau (les chiffres de son lien de téléchargement) ou une recherche par titre et artiste.
link-title-named = { $kind ->
        [youtube_channel] Chaîne YouTube Music
        [spotify_artist] Artiste Spotify
        [youtube_video] Vidéo YouTube
        [spotify_track] Morceau Spotify
       *[fma_track] Morceau FMA
    } : { $name }
link-credited = **{ $tracks }** { $tracks ->
        [one] morceau crédité
       *[other] morceaux crédités
    } à cet identifiant dans **{ $holders }** des { $datasets } jeux de données indexés.
link-tracks = Morceaux
link-listed-title = { $kind ->
        [youtube_video] Vidéo YouTube
        [spotify_track] Morceau Spotify
        [fma_track] Morceau FMA
        [youtube_channel] Chaîne YouTube Music
       *[spotify_artist] Artiste Spotify
    } : présent dans { $holders } des { $datasets } jeux de données indexés
link-listed = { $id } figure dans **{ $holders }** des { $datasets } jeux de données indexés.
link-more-rows = { $count } lignes de plus : voir l'export
link-row-name = Présent dans { $dataset }
link-row-name-id = Présent dans { $dataset } (ligne { $row })
link-untitled = sans titre
link-album = Album : { $album }
link-all-tracks = { $kind ->
        [youtube_channel] Chaîne YouTube Music
        [spotify_artist] Artiste Spotify
        [youtube_video] Vidéo YouTube
        [spotify_track] Morceau Spotify
       *[fma_track] Morceau FMA
    } — tous les morceaux
link-all-tracks-named = { $kind ->
        [youtube_channel] Chaîne YouTube Music
        [spotify_artist] Artiste Spotify
        [youtube_video] Vidéo YouTube
        [spotify_track] Morceau Spotify
       *[fma_track] Morceau FMA
    } : { $name } — tous les morceaux
