# /acompanhar artista, /deixar-de-acompanhar artista, /acompanhados, e os avisos que um canal recebe.

refusal-picker = Só quem perguntou pode escolher aqui; use /acompanhar artista você mesmo.
picker-watch-anyway = Acompanhar “{ $name }” mesmo assim
picker-none = Nenhum destes
picker-nothing = Nada está sendo acompanhado.
picker-not-exact = “{ $name }” não é uma correspondência exata. Qual artista deve ser acompanhado?
picker-not-indexed = “{ $name }” não está em nenhum conjunto de dados indexado. Você quis dizer um destes? Ou acompanhar “{ $name }” mesmo que ainda não esteja em nenhum conjunto de dados?
picker-watch-unindexed = Acompanhar “{ $name }” mesmo que ainda não esteja em nenhum conjunto de dados?

watch-not-artist-link = Isso é um link { $kind ->
        [youtube_video] de vídeo do YouTube
        [youtube_channel] de canal do YouTube Music
        [spotify_track] de faixa do Spotify
        [spotify_artist] de artista do Spotify
       *[fma_track] de faixa do FMA
    }; um acompanhamento segue um artista: cole o link do canal dele no YouTube Music ou de artista no Spotify, ou o nome.
watch-no-letters = Esse nome não tem letras nem dígitos para acompanhar.
watch-already = { $channel } já acompanha **{ $name }**.
watch-added-here = Agora acompanhando **{ $name }** aqui: uma publicação sempre que uma reconstrução adicionar faixas deste artista a um conjunto de dados.
watch-added-in = Agora acompanhando **{ $name }** em { $channel }: uma publicação sempre que uma reconstrução adicionar faixas deste artista a um conjunto de dados.
watch-link-added-here = Agora acompanhando **{ $name }** aqui: uma publicação sempre que uma reconstrução adicionar a um conjunto de dados faixas creditadas { $kind ->
        [youtube_channel] a este canal do YouTube Music
        [spotify_artist] a este artista do Spotify
        [youtube_video] a este vídeo do YouTube
        [spotify_track] a esta faixa do Spotify
       *[fma_track] a esta faixa do FMA
    }.
watch-link-added-in = Agora acompanhando **{ $name }** em { $channel }: uma publicação sempre que uma reconstrução adicionar a um conjunto de dados faixas creditadas { $kind ->
        [youtube_channel] a este canal do YouTube Music
        [spotify_artist] a este artista do Spotify
        [youtube_video] a este vídeo do YouTube
        [spotify_track] a esta faixa do Spotify
       *[fma_track] a esta faixa do FMA
    }.
watch-link-not-indexed = Ainda não está em nenhum conjunto de dados indexado.
unwatch-removed = { $channel } não acompanha mais **{ $name }**.
unwatch-not-watched = { $channel } não acompanha **{ $name }**; veja /acompanhados.
watches-title = Artistas acompanhados
watches-line = • { $channel } — **{ $name }** — { $state }
watches-none-server = Nada é acompanhado neste servidor.
watches-none-channel = Nada é acompanhado em { $channel }.

alert-title = Novidade nos conjuntos de dados: { $name }
alert-added = A reconstrução de { $when } adicionou **{ $tracks }** { $tracks ->
        [one] faixa
       *[other] faixas
    } de **{ $name }**.
alert-dataset = **+{ $tracks }** { $tracks ->
        [one] faixa nova
       *[other] faixas novas
    }
alert-samples = Algumas das faixas novas
