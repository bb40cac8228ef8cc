# /estado, para el propietario del bot: los shards y la versión de este proceso, y los demás procesos.

status-title = Estado de TrainedOn
status-this-process = Este proceso
status-this = { $process }
    { $shards } de { $count } shards, { $servers } servidores
status-this-process-leader = { $process } · líder
    { $shards } de { $count } shards, { $servers } servidores
status-shards = Shards
status-shard = shard { $shard }: { $latency }
status-ms = { $ms } ms
status-not-connected = sin conexión
status-no-shard = ningún shard conectado
status-index-build = Versión del índice
status-build = { $when }
    huella `{ $fingerprint }`
status-no-index = todavía ninguna
status-processes = Procesos ({ $live } activos, almacén: { $store })
status-none-registered = ninguno registrado
status-process = { $process }: shards { $shards }, { $build }, { $state }, visto hace { $seen } s
status-process-leader = { $process } · líder: shards { $shards }, { $build }, { $state }, visto hace { $seen } s
status-all-shards = todos
status-no-build = sin versión
status-answered = respondido en { $ms } ms
