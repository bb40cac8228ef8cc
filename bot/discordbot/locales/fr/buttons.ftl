# Boutons sous les réponses, et ce que leur clic répond.

refusal-pager = Seule la personne qui a demandé peut tourner ces pages ; lancez /rechercher vous-même pour parcourir.
button-summary = Résumé
button-tracks-page = Morceaux { $page } / { $pages }
button-export = Exporter CSV + JSON
export-sent = Le résultat complet, avec l'identifiant de chaque ligne dans son jeu de données, le lien, le score et la version de l'index.

guidance-button = Que puis-je faire ?
guidance-title = Que puis-je faire ?
guidance-continued = Que puis-je faire ? (suite)
guidance-footer = À titre d'information, pas un conseil juridique · conseils vérifiés le { $checked }
guidance-listed-in = Présent dans : { $datasets }.
guidance-no-route = Aucune démarche auprès de l'éditeur connue pour : { $datasets }.
guidance-go-there = Y aller
guidance-source-label = Source
guidance-source = { $source }, vérifié le { $checked }
