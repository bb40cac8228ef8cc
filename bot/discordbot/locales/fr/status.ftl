# /statut, pour le propriétaire du bot : les shards et la version de ce processus, et les autres processus.

status-title = Statut de TrainedOn
status-this-process = Ce processus
status-this = { $process }
    { $shards } shards sur { $count }, { $servers } serveurs
status-this-process-leader = { $process } · meneur
    { $shards } shards sur { $count }, { $servers } serveurs
status-shards = Shards
status-shard = shard { $shard } : { $latency }
status-ms = { $ms } ms
status-not-connected = non connecté
status-no-shard = aucun shard connecté
status-index-build = Version de l'index
status-build = { $when }
    empreinte `{ $fingerprint }`
status-no-index = aucune pour l'instant
status-processes = Processus ({ $live } actifs, stockage : { $store })
status-none-registered = aucun enregistré
status-process = { $process } : shards { $shards }, { $build }, { $state }, vu il y a { $seen } s
status-process-leader = { $process } · meneur : shards { $shards }, { $build }, { $state }, vu il y a { $seen } s
status-all-shards = tous
status-no-build = aucune version
status-answered = répondu en { $ms } ms
