# /abonner, /désabonner, /abonnements : les mises à jour des jeux de données dans un salon.

subscribe-added = { $channel } recevra une publication à chaque changement de l'index.
subscribe-already = { $channel } est déjà abonné.
unsubscribe-removed = { $channel } ne recevra plus de publications de mise à jour.
unsubscribe-not-subscribed = { $channel } n'était pas abonné.
subscriptions-title = Abonnements aux mises à jour
subscriptions-line = • { $channel } — { $state }
subscriptions-line-last = • { $channel } — { $state }, dernière publication : version du { $build }
subscriptions-none = Aucun salon de ce serveur n'est abonné.
state-disabled = désactivé après { $failures } échecs ({ $error })
state-since = depuis le { $date }
