# /inscrever, /cancelar-inscrição, /inscrições: atualizações dos conjuntos de dados em um canal.

subscribe-added = { $channel } vai receber uma publicação sempre que o índice mudar.
subscribe-already = { $channel } já está inscrito.
unsubscribe-removed = { $channel } não vai mais receber publicações de atualização.
unsubscribe-not-subscribed = { $channel } não estava inscrito.
subscriptions-title = Inscrições em atualizações
subscriptions-line = • { $channel } — { $state }
subscriptions-line-last = • { $channel } — { $state }, última publicação: versão de { $build }
subscriptions-none = Nenhum canal deste servidor está inscrito.
state-disabled = desativado após { $failures } falhas ({ $error })
state-since = desde { $date }
