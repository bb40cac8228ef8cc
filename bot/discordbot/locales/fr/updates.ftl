# Publications sur un index reconstruit, et la réponse de /recharger.

update-title = Mise à jour des jeux de données
update-rebuilt = L'index a été reconstruit le { $when } : { $tracks } morceaux, { $artists } artistes.
update-nothing = Aucun jeu de données n'a changé
update-nothing-detail = Les chiffres sont inchangés.
change-title-added = { $name } — ajouté
change-title-removed = { $name } — retiré
change-title-changed = { $name } — mis à jour
change-title-unchanged = { $name } — inchangé
change-was = comptait { $tracks } morceaux · { $artists } artistes
change-counts = { $tracks } morceaux · { $artists } artistes
change-track-delta = { $delta } morceaux
change-tracks-in-out = +{ $added } / −{ $removed } morceaux
change-now = { $tracks } (désormais { $total }) · { $artists } artistes ({ $artists_total })
change-new-artists = { $count } nouveaux artistes, par ex. { $examples }
change-source-version = version de la source { $version }
change-source-date = fichiers sources datés du { $when }

reload-title = Rechargement terminé en { $seconds } s
reload-failed = • `{ $dataset }` a échoué : { $error }
reload-skipped = • `{ $dataset }` : { $rows } lignes ignorées
reload-skipped-example = • `{ $dataset }` : { $rows } lignes ignorées (par ex. { $path } ligne { $line } : { $reason })
reload-problems = Ignoré et en échec
reload-processes = Processus
convergence-serving = { $serving } processus sur { $total } servent cette version (empreinte `{ $fingerprint }`).
convergence-old-build = sert encore la version du { $build }
convergence-still = encore { $state }
reload-running = Un rechargement est déjà en cours ; son rapport sera publié ici.
reload-failed-whole = Le rechargement a échoué : { $error }
    L'index précédent reste en service.
update-check-failed = La vérification des mises à jour des jeux de données a échoué : { $reason }
    L'index actuel reste en service ; prochain essai dans { $minutes } min.
