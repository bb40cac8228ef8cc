# /aide : ce que fait le bot, chaque commande et qui peut l'utiliser, les données, les limites.

help-title = À propos de TrainedOn
help-about = TrainedOn indique aux musiciens, aux labels et à leurs communautés si leurs chansons figurent dans les jeux de données publics qui servent à entraîner les IA génératrices de musique. Il cherche dans un index local des métadonnées publiées par ces jeux de données — titres, artistes, liens — et pardonne les fautes de frappe, les accents oubliés et les noms à moitié saisis.
help-commands = Commandes
help-command = `{ $usage }` — { $description } · *{ $who }*
help-command-servers = `{ $usage }` — { $description } · *{ $who }, sur les serveurs*
help-who-everyone = tout le monde
help-who-owner = le propriétaire du bot
help-who-moderators = { $permissions } ou un rôle de modérateur
help-buttons = Sous une réponse : **Exporter CSV + JSON** (les lignes, à citer) et, quand une chanson figure dans un jeu de données, **Que puis-je faire ?**
help-data-built = Données (index construit le { $when })
help-data = Données
help-data-line = • { $dataset } — { $tracks } morceaux
help-no-index = L'index n'a pas encore été construit.
help-limits-title = Limites
help-limits = Il montre ce que listent les métadonnées des jeux de données : qu'un jeu de données renvoie vers un morceau, pas qu'une entreprise s'en est servie pour s'entraîner, ni que l'audio est toujours en ligne. Les noms sont comparés à l'orthographe : là où un jeu de données publie des identifiants d'artiste, les homonymes sont distingués grâce à eux ; ailleurs, ils se confondent. L'index est aussi frais que sa dernière reconstruction.
