# Botões abaixo das respostas, e o que eles respondem quando clicados.

refusal-pager = Só quem perguntou pode virar estas páginas; use /buscar você mesmo para navegar.
button-summary = Resumo
button-tracks-page = Faixas { $page } / { $pages }
button-export = Exportar CSV + JSON
export-sent = O resultado completo, com o id de cada linha no seu conjunto de dados, link, pontuação e versão do índice.

guidance-button = O que posso fazer?
guidance-title = O que posso fazer?
guidance-continued = O que posso fazer? (continuação)
guidance-footer = Informativo, não é aconselhamento jurídico · orientações verificadas em { $checked }
guidance-listed-in = Listada em: { $datasets }.
guidance-no-route = Nenhum canal de contato com o editor registrado para: { $datasets }.
guidance-go-there = Ir para lá
guidance-source-label = Fonte
guidance-source = { $source }, verificado em { $checked }
