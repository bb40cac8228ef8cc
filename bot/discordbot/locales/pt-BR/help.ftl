# /ajuda: o que o bot faz, cada comando com quem pode usá-lo, os dados, os limites.

help-title = Sobre o TrainedOn
help-about = O TrainedOn diz a músicos, selos e suas comunidades se as músicas deles aparecem nos conjuntos de dados públicos usados para treinar IA que gera música. Ele busca num índice local dos metadados publicados por esses conjuntos de dados — títulos, artistas, links — e perdoa erros de digitação, acentos esquecidos e nomes digitados pela metade.
help-commands = Comandos
help-command = `{ $usage }` — { $description } · *{ $who }*
help-command-servers = `{ $usage }` — { $description } · *{ $who }, em servidores*
help-who-everyone = todos
help-who-owner = o dono do bot
help-who-moderators = { $permissions } ou um cargo de moderador
help-buttons = Abaixo de uma resposta: **Exportar CSV + JSON** (as linhas, para citar) e, quando uma música aparece, **O que posso fazer?**
help-data-built = Dados (índice criado em { $when })
help-data = Dados
help-data-line = • { $dataset } — { $tracks } faixas
help-no-index = O índice ainda não foi criado.
help-limits-title = Limites
help-limits = Ele mostra o que os metadados dos conjuntos de dados listam: que um conjunto de dados tem link para uma faixa, não que alguma empresa treinou com ela, nem se o áudio ainda está online. Os nomes são comparados pela grafia: onde um conjunto de dados publica ids de artista, artistas com o mesmo nome são diferenciados por eles; nos outros, parecem iguais. O índice é tão atual quanto sua última reconstrução.
