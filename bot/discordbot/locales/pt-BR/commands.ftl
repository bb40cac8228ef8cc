# Comandos de barra como o Discord os mostra: o valor é o nome (minúsculas, sem espaços,
# 1-32 caracteres) e `.description` a descrição (1-100 caracteres).

command-lookup = buscar
    .description = Um artista ou uma música está nos conjuntos de dados indexados?
command-lookup-artist = artista
    .description = Este artista está nos conjuntos de dados de treinamento de IA?
option-lookup-artist-name = nome
    .description = O nome do artista (pode ter erros de digitação)
option-lookup-artist-private = privado
    .description = Só você vê a resposta
command-lookup-song = música
    .description = Esta música está nos conjuntos de dados de treinamento de IA?
option-lookup-song-title = título
    .description = O título da música (pode ter erros de digitação)
option-lookup-song-artist = artista
    .description = O artista, para diferenciar músicas com o mesmo título
option-lookup-song-private = privado
    .description = Só você vê a resposta
command-lookup-link = link
    .description = Quais conjuntos de dados listam este link do YouTube, Spotify ou FMA?
option-lookup-link-url = url
    .description = Um link de vídeo, de canal, de faixa ou de artista do Spotify, ou só o id
option-lookup-link-private = privado
    .description = Só você vê a resposta

command-datasets = conjuntos-de-dados
    .description = Quais conjuntos de dados estão indexados, e de que tamanho

command-subscribe = inscrever
    .description = Publicar as atualizações dos conjuntos de dados em um canal (por padrão, este)
option-subscribe-channel = canal
    .description = Onde publicar as atualizações (padrão: aqui)
command-unsubscribe = cancelar-inscrição
    .description = Parar de publicar atualizações dos conjuntos de dados em um canal
option-unsubscribe-channel = canal
    .description = Qual canal (padrão: este)
command-subscriptions = inscrições
    .description = Quais canais deste servidor recebem as atualizações dos conjuntos de dados

command-watch = acompanhar
    .description = Ser avisado quando um artista tiver faixas novas
command-watch-artist = artista
    .description = Publicar aqui quando uma reconstrução adicionar faixas deste artista
option-watch-artist-name = nome
    .description = Nome do artista (pode ter erros de digitação) ou link do canal no YouTube Music ou no Spotify
option-watch-artist-channel = canal
    .description = Onde publicar (padrão: aqui)
command-unwatch = deixar-de-acompanhar
    .description = Parar de acompanhar um artista
command-unwatch-artist = artista
    .description = Parar de publicar sobre este artista
option-unwatch-artist-name = nome
    .description = Um artista acompanhado
option-unwatch-artist-channel = canal
    .description = Qual canal (padrão: este)
command-watches = acompanhados
    .description = Quais artistas os canais deste servidor acompanham
option-watches-channel = canal
    .description = Só este canal (padrão: o servidor inteiro)

command-reload = recarregar
    .description = Reconstruir o índice a partir dos arquivos de dados (moderadores)
command-help = ajuda
    .description = O que o TrainedOn faz, e quais são seus limites
command-check = verificar
    .description = Verificar um catálogo inteiro em todos os conjuntos de dados indexados.
command-check-catalog = catálogo
    .description = Verificar um CSV ou uma lista "Artista - Título" nos conjuntos de dados
option-check-catalog-file = arquivo
    .description = CSV com colunas artista e título (links do YouTube e Spotify opcionais) ou linhas "Artista - Título"
option-check-catalog-private = privado
    .description = Só você vê a resposta
command-status = status
    .description = Shards, índice em uso e demais processos deste processo (dono do bot)

command-privacy = privacidade
    .description = O que o TrainedOn guarda sobre você, e como apagar
command-privacy-policy = política
    .description = O que o TrainedOn guarda, por quanto tempo, e como pedir que seja apagado
command-privacy-forget-me = esquecer-meus-dados
    .description = Apagar os acompanhamentos de artistas que você criou e seu id das inscrições
command-privacy-delete-server-data = apagar-dados-do-servidor
    .description = Apagar as inscrições, os acompanhamentos e as publicações guardadas deste servidor
