# Refus et erreurs, toujours montrés en privé à la personne qui a demandé.

error-unexpected = Un problème est survenu de notre côté ; il a été consigné. Veuillez réessayer plus tard.
error-cooldown = Doucement : réessayez dans { $seconds } s.
error-servers-only = Cette commande ne fonctionne que sur les serveurs.
error-missing-permissions = Il vous faut la permission { $permissions } pour faire cela.
error-bot-missing-permissions = Il me faut la permission { $permissions } ici pour faire cela.
error-not-allowed = Vous n'êtes pas autorisé à faire cela.
error-invalid-value = Cette valeur n'est pas valide ici.
error-not-moderator = Il vous faut { $count ->
        [one] la permission
       *[other] les permissions
    } { $permissions } ou un rôle de modérateur pour faire cela.
error-not-owner = Seul le propriétaire du bot peut faire cela.
error-store-closed = les abonnements et les suivis ne sont pas disponibles pour le moment
error-cluster-down = l'état partagé du bot n'est pas disponible pour le moment

refusal-buttons = Seule la personne qui a demandé peut utiliser ces boutons.

permission-administrator = Administrateur
permission-manage_guild = Gérer le serveur
permission-manage_channels = Gérer les salons
permission-view_channel = Voir le salon
permission-send_messages = Envoyer des messages
permission-send_messages_in_threads = Envoyer des messages dans les fils
permission-embed_links = Intégrer des liens
permission-attach_files = Joindre des fichiers
permission-read_message_history = Voir les anciens messages
error-restarting = TrainedOn redémarre : veuillez réessayer dans quelques secondes.

## Erreurs du cœur du bot (bot/errors.py), dans la langue de la personne qui a demandé.
## Les noms de fichiers, les chemins et les motifs cités d'ailleurs restent tels quels.

# Liens collés (/rechercher lien, /suivre artiste).
error-link-not-a-link = Ce n'est pas un lien ni un identifiant que TrainedOn peut rechercher : collez un lien de vidéo YouTube ou YouTube Music (youtube.com/watch?v=…, youtu.be/…, /shorts/…), un lien de chaîne YouTube (youtube.com/channel/UC…), un lien de morceau ou d'artiste Spotify (open.spotify.com/track/…, /artist/…, spotify:track:…), une page de morceau FMA (freemusicarchive.org/music/Artist/Album/Track), ou un identifiant seul de vidéo (11 caractères), de chaîne (UC puis 22 autres) ou un numéro de morceau FMA.
error-link-channel-name = Impossible de résoudre hors ligne { $what ->
        [handle] un @handle YouTube
        [custom] une adresse de chaîne YouTube personnalisée (/c/ ou un nom seul)
       *[user] une adresse YouTube /user/
    } : ouvrez la chaîne et copiez son identifiant via « Partager la chaîne → Copier l'ID de la chaîne » (il commence par UC), ou collez le lien de l'une de ses vidéos.
error-link-spotify-collection = Impossible de résoudre hors ligne un lien Spotify vers { $what ->
        [album] un album
        [playlist] une playlist
        [show] un podcast
       *[episode] un épisode
    } : collez plutôt le lien open.spotify.com/track/… de l'un de ses morceaux, ou un lien open.spotify.com/artist/….
error-link-youtube-playlist = Impossible de résoudre hors ligne un lien de playlist YouTube : ouvrez l'une de ses vidéos et collez plutôt le lien de cette vidéo (avec watch?v=).
error-link-youtube-search = Impossible de résoudre hors ligne une recherche YouTube : ouvrez la vidéo voulue et collez plutôt son lien.
error-link-music-album = Impossible de résoudre hors ligne une page d'album YouTube Music : collez plutôt le lien de l'un de ses titres (music.youtube.com/watch?v=…) ou de la chaîne de l'artiste.
error-link-spotify-short = Impossible de résoudre hors ligne un lien court Spotify : ouvrez-le et collez plutôt l'adresse open.spotify.com vers laquelle il mène.
error-link-spotify-ambiguous = Un identifiant Spotify seul peut désigner un morceau ou un artiste : collez plutôt son lien open.spotify.com/track/… ou open.spotify.com/artist/….
error-link-fma-album = Une page d'album FMA liste plusieurs morceaux : collez plutôt le lien de la page d'un seul morceau (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-artist = Une page d'artiste FMA liste plusieurs morceaux : collez plutôt le lien de la page d'un seul morceau (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-track-slug = Un lien FMA /track/ donne le titre mais ni l'artiste ni l'album : collez plutôt le lien de la page d'un seul morceau (freemusicarchive.org/music/Artist/Album/Track).

# Fichiers de catalogue (/vérifier catalogue).
error-catalog-too-large = { $filename } fait { NUMBER($size, minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: 0) } Mo ; la limite est de { NUMBER($limit, useGrouping: 0) } Mo : découpez-le en fichiers plus petits.
error-catalog-over-limit = { $filename } dépasse la limite de { NUMBER($limit, useGrouping: 0) } Mo : découpez-le en fichiers plus petits.
error-catalog-file-kind = { $filename } est { $kind ->
        [png] une image PNG
        [jpeg] une image JPEG
        [gif] une image GIF
        [pdf] un document PDF
        [zip] une archive ZIP (un .xlsx d'Excel ? exportez-le en CSV)
        [office] un document Office (exportez-le en CSV)
        [gzip] une archive gzip
       *[sqlite] une base de données SQLite
    }, pas un CSV ni une liste de morceaux en texte.
error-catalog-binary = { $filename } est un fichier binaire, pas un CSV ni une liste de morceaux en texte.
error-catalog-empty = { $filename } est vide.
error-catalog-encoding = { $filename } n'est pas du texte UTF-8 ou UTF-16 : enregistrez-le en UTF-8 et réessayez.
error-catalog-utf16-without-bom = { $filename } n'est pas du texte UTF-8 ou UTF-16 (l'UTF-16 a besoin d'une marque d'ordre des octets) : enregistrez-le en UTF-8 et réessayez.
error-catalog-no-songs = { $filename } ne contient aucun morceau : chaque ligne est vide ou est un commentaire #.
error-catalog-no-columns = { $filename } n'a aucune colonne reconnaissable (trouvé : { $found }{ $more ->
        [0] {""}
       *[other] {" "}et { $more } autres
    } ; attendu : artiste et titre (ou artist, title, song, track, performer, band…)), et ses lignes ne se lisent pas comme « Artiste - Titre ».
error-catalog-header-only = { $filename } a une ligne d'en-tête mais aucun morceau en dessous.
error-catalog-unreadable-csv = { $filename } n'est pas un fichier CSV lisible (ligne { NUMBER($line, useGrouping: 0) } : { $reason }).
error-catalog-too-many-songs = { $filename } contient plus de { $limit } morceaux, le maximum qu'une vérification accepte : découpez-le en fichiers plus petits.

# L'index et ses constructions (chaque recherche, /recharger).
error-index-not-built = l'index n'a pas encore été construit ; un modérateur peut lancer /recharger
error-index-missing = pas encore d'index à { $path } : lancez d'abord `trainedon index build`
error-index-schema = l'index à { $path } a le schéma { NUMBER($found, useGrouping: 0) }, cette version a besoin du { NUMBER($needed, useGrouping: 0) } : lancez `trainedon index build`
error-index-unreadable = l'index à { $path } est illisible ({ $reason })
error-reload-running = un rechargement est déjà en cours ; son résultat sera publié
error-build-locked = une autre construction de l'index est en cours ; réessayez quand elle sera terminée
error-build-unknown-dataset = index.datasets cite un jeu de données inconnu : { $dataset }
error-build-none-selected = rien à indexer : aucun jeu de données n'est sélectionné (vérifiez index.datasets et include_demo)
error-build-no-files = rien à indexer : aucun fichier de jeu de données trouvé dans le dossier des données
error-build-all-failed = rien n'a été indexé : { $failures }{ $more ->
        [0] {""}
       *[other] ; { $more } autres ont échoué
    }
error-build-would-lose = { $dataset } : { $reason } ; l'index actuel continue de le servir (réparez les fichiers, ou reconstruisez avec --allow-partial pour le retirer)
error-build-integrity = le nouvel index a échoué à son contrôle d'intégrité ({ $check })
error-build-track-count = le nouvel index est incohérent : { NUMBER($tracks, useGrouping: 0) } morceaux, { NUMBER($declared, useGrouping: 0) } déclarés
error-build-orphan-artists = le nouvel index est incohérent : des artistes sans morceaux
error-build-no-grams = le nouvel index est incohérent : aucun n-gramme de recherche n'a été écrit
error-build-cannot-write = impossible d'écrire le nouvel index dans { $folder } ({ $cause ->
        [ENOSPC] plus d'espace libre sur le disque
        [EDQUOT] quota de disque dépassé
        [EFBIG] limite de taille de fichier atteinte
        [SQLITE_FULL] le disque est plein
       *[SQLITE_IOERR_WRITE] une écriture sur le disque a échoué : est-il plein ?
    }){ $previous ->
        [kept] ; l'index précédent reste en service
       *[none] {""}
    }
error-build-reader-stopped = un processus de lecture de la construction de l'index s'est arrêté de façon inattendue (code de sortie { $code })

# La base de données des abonnements (/abonner, /suivre et les autres commandes qui l'utilisent).
error-store-database-closed = la base de données des abonnements est fermée
error-store-no-answer = la base de données des abonnements { $database } n'a pas répondu pendant { NUMBER($seconds, useGrouping: 0) } s : { $reason }
