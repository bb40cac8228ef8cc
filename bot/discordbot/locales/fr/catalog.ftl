# /vérifier catalogue : un catalogue entier vérifié d'un coup.

catalog-queued = Un autre catalogue est en cours de vérification ; le vôtre passe ensuite.
catalog-progress = Vérification de votre catalogue… { $done } lignes sur { $total }.
catalog-title = Vérification du catalogue : { $file }
catalog-found = **{ $found }** morceaux sur { $rows } trouvés dans au moins un jeu de données
catalog-found-by-id = **{ $found }** morceaux sur { $rows } trouvés dans au moins un jeu de données ({ $by_id } par identifiant exact)
catalog-uncertain = { $count } incertains
catalog-not-found = { $count } introuvables
catalog-unreadable = { $count } lignes illisibles
catalog-dataset = { $found } trouvés · { $uncertain } incertains
catalog-by-exact-id = identifiant exact
catalog-score = { $score } %
catalog-strongest = Correspondances les plus fortes
catalog-full-results = Résultats complets dans le CSV joint
