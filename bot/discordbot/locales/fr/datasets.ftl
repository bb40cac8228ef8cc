# /jeux-de-données : ce qui est indexé, et les faits publiés sur chaque jeu de données.

datasets-title = Jeux de données indexés
datasets-total = { $tracks } morceaux issus de { $datasets } jeux de données.
datasets-entry = { $tracks } morceaux · { $artists } artistes
    Licence : { $licence }
    { $source } · mis à jour le { $updated }
datasets-source = Source
datasets-recent = Changements récents
datasets-recent-line = • { $when } : { $changes }
change-added = { $name } ajouté
change-removed = { $name } retiré
change-changed = { $name } mis à jour
change-unchanged = { $name } inchangé

facts-title = Les faits tels que publiés, avec leurs sources
facts-continued = Les faits tels que publiés, avec leurs sources (suite)
facts-intro = Chaque fait tel que son éditeur l'énonce, avec un lien vers la page où il a été lu et la date de vérification. Un fait que personne n'a pu vérifier le signale.
facts-unreadable = Les faits n'ont pas pu être lus : { $problem }
facts-none = **Non vérifié** : aucun fait consigné dans le manifeste.
fact-verified = { $label } : { $value } (vérifié le { $checked })
fact-unverified-value = { $label } : { $value } — **non vérifié** : { $why }
fact-unverified = { $label } : **non vérifié** : { $why }
fact-no-source = aucune source consignée
