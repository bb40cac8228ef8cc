# /verificar catálogo: um catálogo inteiro verificado de uma vez.

catalog-queued = Outro catálogo está sendo verificado; o seu é o próximo da fila.
catalog-progress = Verificando seu catálogo… { $done } de { $total } linhas.
catalog-title = Verificação do catálogo: { $file }
catalog-found = **{ $found }** de { $rows } faixas encontradas em pelo menos um conjunto de dados
catalog-found-by-id = **{ $found }** de { $rows } faixas encontradas em pelo menos um conjunto de dados ({ $by_id } por id exato)
catalog-uncertain = { $count } incertas
catalog-not-found = { $count } não encontradas
catalog-unreadable = { $count } linhas ilegíveis
catalog-dataset = { $found } encontradas · { $uncertain } incertas
catalog-by-exact-id = id exato
catalog-score = { $score }%
catalog-strongest = Correspondências mais fortes
catalog-full-results = Resultados completos no CSV anexo
