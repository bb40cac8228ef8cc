# /status, for the bot's owner: this process's shards and build, and the other processes.

status-title = TrainedOn status
status-this-process = This process
status-this = { $process }
    { $shards } of { $count } shards, { $servers } servers
status-this-process-leader = { $process } · leader
    { $shards } of { $count } shards, { $servers } servers
status-shards = Shards
status-shard = shard { $shard }: { $latency }
status-ms = { $ms } ms
status-not-connected = not connected
status-no-shard = no shard connected
status-index-build = Index build
status-build = { $when }
    fingerprint `{ $fingerprint }`
status-no-index = none yet
status-processes = Processes ({ $live } live, store: { $store })
status-none-registered = none registered
status-process = { $process }: shards { $shards }, { $build }, { $state }, seen { $seen } s ago
status-process-leader = { $process } · leader: shards { $shards }, { $build }, { $state }, seen { $seen } s ago
status-all-shards = all
status-no-build = no build
status-answered = answered in { $ms } ms
