# /suivre artiste, /ne-plus-suivre artiste, /suivis, et les alertes qu'un salon qui suit reçoit.

refusal-picker = Seule la personne qui a demandé peut choisir ici ; lancez /suivre artiste vous-même.
picker-watch-anyway = Suivre « { $name } » quand même
picker-none = Aucun de ceux-ci
picker-nothing = Rien n'est suivi.
picker-not-exact = « { $name } » n'est pas une correspondance exacte. Quel artiste faut-il suivre ?
picker-not-indexed = « { $name } » ne figure dans aucun jeu de données indexé. Vouliez-vous dire l'un de ceux-ci ? Ou suivre « { $name } » même s'il ne figure encore dans aucun jeu de données ?
picker-watch-unindexed = Suivre « { $name } » même s'il ne figure encore dans aucun jeu de données ?

watch-not-artist-link = C'est un lien { $kind ->
        [youtube_video] de vidéo YouTube
        [youtube_channel] de chaîne YouTube Music
        [spotify_track] de morceau Spotify
        [spotify_artist] d'artiste Spotify
       *[fma_track] de morceau FMA
    } ; un suivi porte sur un artiste : collez le lien de sa chaîne YouTube Music ou de son profil d'artiste Spotify, ou son nom.
watch-no-letters = Ce nom ne contient ni lettre ni chiffre à suivre.
watch-already = { $channel } suit déjà **{ $name }**.
watch-added-here = **{ $name }** est désormais suivi ici : une publication chaque fois qu'une reconstruction ajoute des morceaux de cet artiste à un jeu de données.
watch-added-in = **{ $name }** est désormais suivi dans { $channel } : une publication chaque fois qu'une reconstruction ajoute des morceaux de cet artiste à un jeu de données.
watch-link-added-here = **{ $name }** est désormais suivi ici : une publication chaque fois qu'une reconstruction ajoute à un jeu de données des morceaux crédités à { $kind ->
        [youtube_channel] cette chaîne YouTube Music
        [spotify_artist] cet artiste Spotify
        [youtube_video] cette vidéo YouTube
        [spotify_track] ce morceau Spotify
       *[fma_track] ce morceau FMA
    }.
watch-link-added-in = **{ $name }** est désormais suivi dans { $channel } : une publication chaque fois qu'une reconstruction ajoute à un jeu de données des morceaux crédités à { $kind ->
        [youtube_channel] cette chaîne YouTube Music
        [spotify_artist] cet artiste Spotify
        [youtube_video] cette vidéo YouTube
        [spotify_track] ce morceau Spotify
       *[fma_track] ce morceau FMA
    }.
watch-link-not-indexed = Il ne figure encore dans aucun jeu de données indexé.
unwatch-removed = { $channel } ne suit plus **{ $name }**.
unwatch-not-watched = { $channel } ne suit pas **{ $name }** ; voir /suivis.
watches-title = Artistes suivis
watches-line = • { $channel } — **{ $name }** — { $state }
watches-none-server = Rien n'est suivi sur ce serveur.
watches-none-channel = Rien n'est suivi dans { $channel }.

alert-title = Nouveau dans les jeux de données : { $name }
alert-added = La reconstruction du { $when } a ajouté **{ $tracks }** { $tracks ->
        [one] morceau
       *[other] morceaux
    } de **{ $name }**.
alert-dataset = **+{ $tracks }** { $tracks ->
        [one] nouveau morceau
       *[other] nouveaux morceaux
    }
alert-samples = Quelques-uns des nouveaux morceaux
