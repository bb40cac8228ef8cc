# /status, für den Besitzer des Bots: Shards und Build dieses Prozesses, und die anderen Prozesse.

status-title = TrainedOn-Status
status-this-process = Dieser Prozess
status-this = { $process }
    { $shards } von { $count } Shards, { $servers } Server
status-this-process-leader = { $process } · Leiter
    { $shards } von { $count } Shards, { $servers } Server
status-shards = Shards
status-shard = Shard { $shard }: { $latency }
status-ms = { $ms } ms
status-not-connected = nicht verbunden
status-no-shard = kein Shard verbunden
status-index-build = Index-Build
status-build = { $when }
    Fingerabdruck `{ $fingerprint }`
status-no-index = noch keiner
status-processes = Prozesse ({ $live } aktiv, Speicher: { $store })
status-none-registered = keiner registriert
status-process = { $process }: Shards { $shards }, { $build }, { $state }, zuletzt vor { $seen } s gesehen
status-process-leader = { $process } · Leiter: Shards { $shards }, { $build }, { $state }, zuletzt vor { $seen } s gesehen
status-all-shards = alle
status-no-build = kein Build
status-answered = beantwortet in { $ms } ms
