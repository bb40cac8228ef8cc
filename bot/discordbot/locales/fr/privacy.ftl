# /confidentialité politique, /confidentialité oubliez-moi, /confidentialité effacer-données-serveur.

privacy-title = TrainedOn et vos données
privacy-summary = Une recherche n'enregistre rien : les noms, liens et catalogues que vous vérifiez sont recherchés en mémoire et oubliés dès que vous avez la réponse ; les exports et les rapports sont produits en mémoire et vous sont envoyés dans Discord.
privacy-kept-title = Ce qui est conservé
privacy-kept = • Les abonnements et les suivis d'artistes qu'un modérateur configure : le serveur, le salon, l'artiste suivi et l'identifiant de la personne qui l'a configuré, jusqu'à leur suppression, celle du salon ou le départ du bot du serveur.
    • Les publications de mise à jour et les alertes que le bot envoie dans ces salons (le message tel qu'envoyé), aussi longtemps.
    • Le journal du bot : identifiants de serveurs et de salons, et l'identifiant d'une personne à qui une commande a été refusée ou qui a configuré quelque chose ; jamais ce que vous avez cherché. Son exploitant le conserve pour une durée limitée.
privacy-delete-title = L'effacer
privacy-delete = `/confidentialité oubliez-moi` efface les suivis d'artistes que vous avez créés et votre identifiant des abonnements que vous avez configurés, partout. `/confidentialité effacer-données-serveur` (Gérer le serveur) efface tout ce qui est conservé sur un serveur. Retirer le bot d'un serveur fait de même.
privacy-full-title = La politique complète
privacy-full-link = Politique de confidentialité de ce bot
privacy-full-source = `docs/PRIVACY.md` dans le code source de TrainedOn, que ce bot exécute.

privacy-forgotten-nothing = TrainedOn ne conserve rien sur vous : aucun suivi d'artiste ni abonnement ne vous nomme.
privacy-forgotten = C'est fait. { $watches ->
        [one] { $watches } suivi d'artiste que vous aviez créé a été effacé
       *[other] { $watches } suivis d'artistes que vous aviez créés ont été effacés
    }, et votre identifiant a été retiré { $subscriptions ->
        [one] d'{ $subscriptions } abonnement
       *[other] de { $subscriptions } abonnements
    } que vous aviez configurés (ces salons continuent de recevoir leurs publications de mise à jour).
privacy-logs-note = Les lignes de journal déjà écrites ne sont pas modifiées ; elles sont effacées à l'expiration de la durée de conservation des journaux de l'exploitant.

privacy-nothing-in-server = TrainedOn ne conserve rien sur ce serveur.
privacy-confirm-delete = Cela efface tout ce que TrainedOn conserve sur ce serveur : { $data }. Toutes les publications de mise à jour et les alertes d'artistes s'arrêtent ici. Les messages déjà publiés restent dans Discord. Impossible d'annuler.
privacy-delete-button = Effacer les données de ce serveur
privacy-cancel-button = Annuler
privacy-deleted = Données de ce serveur effacées : { $data }.
privacy-cancelled = Rien n'a été effacé.
privacy-server-data = { $subscriptions ->
        [one] { $subscriptions } abonnement
       *[other] { $subscriptions } abonnements
    }, { $watches ->
        [one] { $watches } suivi d'artiste
       *[other] { $watches } suivis d'artistes
    } et { $posts ->
        [one] { $posts } publication enregistrée
       *[other] { $posts } publications enregistrées
    }
