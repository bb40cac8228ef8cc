# La réponse à /rechercher artiste et /rechercher chanson, et les pages de tous les morceaux.

lookup-title-artist = Artiste : { $name }
lookup-title-song = Chanson : { $name }
lookup-score = Correspondance à **{ $score } %** pour « { $query } »
lookup-uncertain = ⚠️ Correspondance inexacte : est-ce bien la personne que vous cherchez ? Voir *Vouliez-vous dire* ci-dessous.
lookup-total = **{ $tracks }** { $tracks ->
        [one] morceau
       *[other] morceaux
    } dans **{ $holders }** des { $datasets } jeux de données indexés.
lookup-samples = Morceaux en exemple
lookup-did-you-mean = Vouliez-vous dire
lookup-other-matches = Autres correspondances
lookup-other-line = • { $name } — { $score } %, { $tracks } morceaux
lookup-not-found-title-artist = Artiste introuvable
lookup-not-found-title-song = Chanson introuvable
lookup-not-found = « { $query } » ne figure dans aucun jeu de données indexé.
lookup-near-misses = Presque (trop différent pour être le même nom)
lookup-near-miss-line = • { $name } — { $score } %

identity-shared = { $count } { $kind ->
        [youtube_channel] chaînes YouTube Music différentes
        [spotify_artist] artistes Spotify différents
        [youtube_video] vidéos YouTube différentes
        [spotify_track] morceaux Spotify différents
       *[fma_track] morceaux FMA différents
    } sont crédités sous le nom { $name } dans { $dataset }
identity-line = • { $id } — { $tracks } { $tracks ->
        [one] morceau
       *[other] morceaux
    }
identity-line-titles = • { $id } — { $tracks } { $tracks ->
        [one] morceau
       *[other] morceaux
    } : { $titles }
identity-hint = `/rechercher lien` avec l'un d'eux n'affiche que ses morceaux.

sample-line = • { $title } — { $artists } · `{ $dataset }`
sample-line-demo = • { $title } — { $artists } · `{ $dataset }` (démo)

tracks-title-artist = Artiste : { $name } — tous les morceaux
tracks-title-song = Chanson : { $name } — tous les morceaux
tracks-page-empty = Aucun morceau sur cette page.
page-of = Page { $page } sur { $pages }

count-tracks-bold = **{ $tracks }** { $tracks ->
        [one] morceau
       *[other] morceaux
    }
dataset-demo = { $name } (démo)
list-more = … et { $count } de plus
footer-built = Index construit le { $when }
footer-demo = données de démonstration, fictives
disclaimer = Métadonnées de jeux de données, pas une preuve de ce sur quoi une entreprise s'est entraînée.

lookup-nothing = Il n'y a rien à rechercher là-dedans : saisissez un nom contenant au moins une lettre, un chiffre ou un symbole.
