# Commandes slash telles que Discord les affiche : la valeur est le nom (minuscules, sans
# espaces, 1 à 32 caractères), `.description` la description (1 à 100 caractères).

command-lookup = rechercher
    .description = Un artiste ou une chanson figure-t-il dans les jeux de données indexés ?
command-lookup-artist = artiste
    .description = Cet artiste figure-t-il dans les jeux de données d'entraînement d'IA ?
option-lookup-artist-name = nom
    .description = Le nom de l'artiste (les fautes de frappe ne gênent pas)
option-lookup-artist-private = privé
    .description = Vous seul voyez la réponse
command-lookup-song = chanson
    .description = Cette chanson figure-t-elle dans les jeux de données d'entraînement d'IA ?
option-lookup-song-title = titre
    .description = Le titre de la chanson (les fautes de frappe ne gênent pas)
option-lookup-song-artist = artiste
    .description = L'artiste, pour distinguer des chansons de même titre
option-lookup-song-private = privé
    .description = Vous seul voyez la réponse
command-lookup-link = lien
    .description = Quels jeux de données listent ce lien YouTube, Spotify ou FMA ?
option-lookup-link-url = url
    .description = Un lien de vidéo, de chaîne, de morceau ou d'artiste Spotify, ou un simple identifiant
option-lookup-link-private = privé
    .description = Vous seul voyez la réponse

command-datasets = jeux-de-données
    .description = Quels jeux de données sont indexés, et leur taille

command-subscribe = abonner
    .description = Publier les mises à jour des jeux de données dans un salon (celui-ci par défaut)
option-subscribe-channel = salon
    .description = Où publier les mises à jour (par défaut : ici)
command-unsubscribe = désabonner
    .description = Ne plus publier les mises à jour des jeux de données dans un salon
option-unsubscribe-channel = salon
    .description = Quel salon (par défaut : celui-ci)
command-subscriptions = abonnements
    .description = Quels salons de ce serveur reçoivent les mises à jour des jeux de données

command-watch = suivre
    .description = Être prévenu quand un artiste a de nouveaux morceaux
command-watch-artist = artiste
    .description = Publier ici quand une reconstruction ajoute des morceaux de cet artiste
option-watch-artist-name = nom
    .description = Nom de l'artiste (fautes admises) ou lien de sa chaîne YouTube Music ou de son profil Spotify
option-watch-artist-channel = salon
    .description = Où publier (par défaut : ici)
command-unwatch = ne-plus-suivre
    .description = Ne plus suivre un artiste
command-unwatch-artist = artiste
    .description = Ne plus publier au sujet de cet artiste
option-unwatch-artist-name = nom
    .description = Un artiste suivi
option-unwatch-artist-channel = salon
    .description = Quel salon (par défaut : celui-ci)
command-watches = suivis
    .description = Quels artistes les salons de ce serveur suivent
option-watches-channel = salon
    .description = Seulement ce salon (par défaut : tout le serveur)

command-reload = recharger
    .description = Reconstruire l'index à partir des fichiers de données (modérateurs)
command-help = aide
    .description = Ce que fait TrainedOn, et ses limites
command-check = vérifier
    .description = Vérifier un catalogue entier dans tous les jeux de données indexés.
command-check-catalog = catalogue
    .description = Vérifier un CSV ou une liste « Artiste - Titre » dans les jeux de données
option-check-catalog-file = fichier
    .description = CSV à colonnes artiste et titre (liens YouTube et Spotify en option) ou lignes « Artiste - Titre »
option-check-catalog-private = privé
    .description = Vous seul voyez la réponse
command-status = statut
    .description = Shards, build de l'index et autres processus de ce processus (propriétaire du bot)

command-privacy = confidentialité
    .description = Ce que TrainedOn garde sur vous, et comment l'effacer
command-privacy-policy = politique
    .description = Ce que TrainedOn garde, combien de temps, et comment le faire effacer
command-privacy-forget-me = oubliez-moi
    .description = Effacer les suivis d'artistes que vous avez créés et votre identifiant des abonnements
command-privacy-delete-server-data = effacer-données-serveur
    .description = Effacer les abonnements, les suivis et les publications enregistrées de ce serveur
