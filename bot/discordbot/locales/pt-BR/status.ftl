# /status, para o dono do bot: os shards e a versão deste processo, e os outros processos.

status-title = Status do TrainedOn
status-this-process = Este processo
status-this = { $process }
    { $shards } de { $count } shards, { $servers } servidores
status-this-process-leader = { $process } · líder
    { $shards } de { $count } shards, { $servers } servidores
status-shards = Shards
status-shard = shard { $shard }: { $latency }
status-ms = { $ms } ms
status-not-connected = desconectado
status-no-shard = nenhum shard conectado
status-index-build = Versão do índice
status-build = { $when }
    impressão digital `{ $fingerprint }`
status-no-index = nenhuma ainda
status-processes = Processos ({ $live } ativos, armazenamento: { $store })
status-none-registered = nenhum registrado
status-process = { $process }: shards { $shards }, { $build }, { $state }, visto há { $seen } s
status-process-leader = { $process } · líder: shards { $shards }, { $build }, { $state }, visto há { $seen } s
status-all-shards = todos
status-no-build = sem versão
status-answered = respondido em { $ms } ms
