# A resposta a /buscar artista e /buscar música, e as páginas de todas as faixas.

lookup-title-artist = Artista: { $name }
lookup-title-song = Música: { $name }
lookup-score = Correspondência de **{ $score }%** para “{ $query }”
lookup-uncertain = ⚠️ Não é uma correspondência exata: é quem você procurava? Veja *Você quis dizer* abaixo.
lookup-total = **{ $tracks }** { $tracks ->
        [one] faixa
       *[other] faixas
    } em **{ $holders }** de { $datasets } conjuntos de dados indexados.
lookup-samples = Faixas de exemplo
lookup-did-you-mean = Você quis dizer
lookup-other-matches = Outras correspondências
lookup-other-line = • { $name } — { $score }%, { $tracks } faixas
lookup-not-found-title-artist = Artista não encontrado
lookup-not-found-title-song = Música não encontrada
lookup-not-found = “{ $query }” não aparece em nenhum conjunto de dados indexado.
lookup-near-misses = Quase correspondências (diferentes demais para ser o mesmo nome)
lookup-near-miss-line = • { $name } — { $score }%

identity-shared = { $count } { $kind ->
        [youtube_channel] canais diferentes do YouTube Music
        [spotify_artist] artistas diferentes do Spotify
        [youtube_video] vídeos diferentes do YouTube
        [spotify_track] faixas diferentes do Spotify
       *[fma_track] faixas diferentes do FMA
    } aparecem como { $name } em { $dataset }
identity-line = • { $id } — { $tracks } { $tracks ->
        [one] faixa
       *[other] faixas
    }
identity-line-titles = • { $id } — { $tracks } { $tracks ->
        [one] faixa
       *[other] faixas
    }: { $titles }
identity-hint = `/buscar link` com um destes mostra só as faixas dele.

sample-line = • { $title } — { $artists } · `{ $dataset }`
sample-line-demo = • { $title } — { $artists } · `{ $dataset }` (demo)

tracks-title-artist = Artista: { $name } — todas as faixas
tracks-title-song = Música: { $name } — todas as faixas
tracks-page-empty = Nenhuma faixa nesta página.
page-of = Página { $page } de { $pages }

count-tracks-bold = **{ $tracks }** { $tracks ->
        [one] faixa
       *[other] faixas
    }
dataset-demo = { $name } (demo)
list-more = … e mais { $count }

footer-built = Índice criado em { $when }
footer-demo = dados de demonstração, fictícios
disclaimer = Metadados de conjuntos de dados, não prova do que alguma empresa usou para treinar.

lookup-nothing = Não há nada para buscar aí: digite um nome com pelo menos uma letra, um dígito ou um símbolo.
