# A resposta a /buscar link: o id de um vídeo, uma faixa, um canal ou um artista.

id-kind-youtube_video = Vídeo do YouTube
id-kind-youtube_channel = Canal do YouTube Music
id-kind-spotify_track = Faixa do Spotify
id-kind-spotify_artist = Artista do Spotify
id-kind-fma_track = Faixa do FMA

link-not-found-title = Não está em nenhum conjunto de dados indexado
link-not-found = { $kind ->
        [youtube_video] Este vídeo do YouTube
        [youtube_channel] Este canal do YouTube Music
        [spotify_track] Esta faixa do Spotify
        [spotify_artist] Este artista do Spotify
       *[fma_track] Esta faixa do FMA
    } ({ $id }) não está em nenhum conjunto de dados indexado.
link-fma-hint = Os endereços das páginas do FMA podem ter mudado desde que o conjunto de dados foi criado (2017): tente o número da faixa (os dígitos do link de download) ou uma busca por título e artista.
link-title-named = { $kind ->
        [youtube_channel] Canal do YouTube Music
        [spotify_artist] Artista do Spotify
        [youtube_video] Vídeo do YouTube
        [spotify_track] Faixa do Spotify
       *[fma_track] Faixa do FMA
    }: { $name }
link-credited = **{ $tracks }** { $tracks ->
        [one] faixa creditada
       *[other] faixas creditadas
    } a este id em **{ $holders }** de { $datasets } conjuntos de dados indexados.
link-tracks = Faixas
link-listed-title = { $kind ->
        [youtube_video] Vídeo do YouTube
        [spotify_track] Faixa do Spotify
        [fma_track] Faixa do FMA
        [youtube_channel] Canal do YouTube Music
       *[spotify_artist] Artista do Spotify
    }: listado em { $holders } de { $datasets } conjuntos de dados indexados
link-listed = { $id } está listado em **{ $holders }** de { $datasets } conjuntos de dados indexados.
link-more-rows = mais { $count } linhas: veja a exportação
link-row-name = Listado em { $dataset }
link-row-name-id = Listado em { $dataset } (linha { $row })
link-untitled = sem título
link-album = Álbum: { $album }
link-all-tracks = { $kind ->
        [youtube_channel] Canal do YouTube Music
        [spotify_artist] Artista do Spotify
        [youtube_video] Vídeo do YouTube
        [spotify_track] Faixa do Spotify
       *[fma_track] Faixa do FMA
    } — todas as faixas
link-all-tracks-named = { $kind ->
        [youtube_channel] Canal do YouTube Music
        [spotify_artist] Artista do Spotify
        [youtube_video] Vídeo do YouTube
        [spotify_track] Faixa do Spotify
       *[fma_track] Faixa do FMA
    }: { $name } — todas as faixas
