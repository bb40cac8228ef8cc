# Recusas e erros, sempre em particular para quem perguntou.

error-unexpected = Algo deu errado do nosso lado; isso foi registrado. Tente de novo mais tarde.
error-cooldown = Vá com calma: tente de novo em { $seconds } s.
error-servers-only = Este comando só funciona em servidores.
error-missing-permissions = Você precisa da permissão { $permissions } para fazer isso.
error-bot-missing-permissions = Eu preciso da permissão { $permissions } aqui para fazer isso.
error-not-allowed = Você não tem permissão para fazer isso.
error-invalid-value = Esse valor não é válido aqui.
error-not-moderator = Você precisa { $count ->
        [one] da permissão
       *[other] das permissões
    } { $permissions } ou de um cargo de moderador para fazer isso.
error-not-owner = Só o dono do bot pode fazer isso.
error-store-closed = as inscrições e os acompanhamentos não estão disponíveis agora
error-cluster-down = o estado compartilhado do bot não está disponível agora

refusal-buttons = Só quem perguntou pode usar estes botões.

permission-administrator = Administrador
permission-manage_guild = Gerenciar servidor
permission-manage_channels = Gerenciar canais
permission-view_channel = Ver canal
permission-send_messages = Enviar mensagens
permission-send_messages_in_threads = Enviar mensagens em tópicos
permission-embed_links = Inserir links
permission-attach_files = Anexar arquivos
permission-read_message_history = Ver histórico de mensagens
error-restarting = O TrainedOn está reiniciando: tente de novo em alguns segundos.

## Erros do núcleo do bot (bot/errors.py), no idioma de quem perguntou.
## Nomes de arquivo, caminhos e motivos citados de outras partes aparecem como estão.

# Links colados (/buscar link, /acompanhar artista).
error-link-not-a-link = Isso não é um link nem um id que o TrainedOn consiga buscar: cole um link de vídeo do YouTube ou do YouTube Music (youtube.com/watch?v=…, youtu.be/…, /shorts/…), um link de canal do YouTube (youtube.com/channel/UC…), um link de faixa ou de artista do Spotify (open.spotify.com/track/…, /artist/…, spotify:track:…), uma página de faixa do FMA (freemusicarchive.org/music/Artist/Album/Track) ou um id avulso de vídeo (11 caracteres), de canal (UC e mais 22) ou um número de faixa do FMA.
error-link-channel-name = { $what ->
        [handle] Um @handle do YouTube
        [custom] Um endereço de canal personalizado do YouTube (/c/ ou um nome avulso)
       *[user] Um endereço /user/ do YouTube
    } não pode ser resolvido offline: abra o canal e copie o ID dele em “Compartilhar canal → Copiar ID do canal” (começa com UC) ou cole o link de um dos vídeos dele.
error-link-spotify-collection = Um link de { $what ->
        [album] álbum
        [playlist] playlist
        [show] podcast
       *[episode] episódio
    } do Spotify não pode ser resolvido offline: cole em vez disso o link open.spotify.com/track/… de uma das faixas ou um link open.spotify.com/artist/….
error-link-youtube-playlist = Um link de playlist do YouTube não pode ser resolvido offline: abra um dos vídeos e cole em vez disso o link desse vídeo (com watch?v=).
error-link-youtube-search = Uma busca do YouTube não pode ser resolvida offline: abra o vídeo que você quer e cole em vez disso o link dele.
error-link-music-album = Uma página de álbum do YouTube Music não pode ser resolvida offline: cole em vez disso o link de uma das músicas (music.youtube.com/watch?v=…) ou do canal do artista.
error-link-spotify-short = Um link curto do Spotify não pode ser resolvido offline: abra-o e cole em vez disso o endereço open.spotify.com para onde ele leva.
error-link-spotify-ambiguous = Um id avulso do Spotify pode ser de uma faixa ou de um artista: cole em vez disso o link open.spotify.com/track/… ou open.spotify.com/artist/… dele.
error-link-fma-album = Uma página de álbum do FMA lista várias faixas: cole em vez disso o link da página de uma única faixa (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-artist = Uma página de artista do FMA lista várias faixas: cole em vez disso o link da página de uma única faixa (freemusicarchive.org/music/Artist/Album/Track).
error-link-fma-track-slug = Um link /track/ do FMA traz o título, mas não o artista nem o álbum: cole em vez disso o link da página de uma única faixa (freemusicarchive.org/music/Artist/Album/Track).

# Arquivos de catálogo (/verificar catálogo).
error-catalog-too-large = { $filename } tem { NUMBER($size, minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: 0) } MB; o limite é { NUMBER($limit, useGrouping: 0) } MB: divida-o em arquivos menores.
error-catalog-over-limit = { $filename } passa do limite de { NUMBER($limit, useGrouping: 0) } MB: divida-o em arquivos menores.
error-catalog-file-kind = { $filename } é { $kind ->
        [png] uma imagem PNG
        [jpeg] uma imagem JPEG
        [gif] uma imagem GIF
        [pdf] um documento PDF
        [zip] um arquivo ZIP (um .xlsx do Excel? exporte-o como CSV)
        [office] um documento do Office (exporte-o como CSV)
        [gzip] um arquivo gzip
       *[sqlite] um banco de dados SQLite
    }, não um CSV nem uma lista de faixas em texto.
error-catalog-binary = { $filename } é um arquivo binário, não um CSV nem uma lista de faixas em texto.
error-catalog-empty = { $filename } está vazio.
error-catalog-encoding = { $filename } não é texto UTF-8 nem UTF-16: salve-o como UTF-8 e tente de novo.
error-catalog-utf16-without-bom = { $filename } não é texto UTF-8 nem UTF-16 (o UTF-16 precisa de uma marca de ordem de bytes): salve-o como UTF-8 e tente de novo.
error-catalog-no-songs = { $filename } não tem faixas: todas as linhas estão em branco ou são comentários com #.
error-catalog-no-columns = { $filename } não tem colunas reconhecíveis (encontradas: { $found }{ $more ->
        [0] {""}
       *[other] {" "}e mais { $more }
    }; esperado: artista e título (ou artist, title, song, track, performer, band…)), e as linhas dele não seguem o formato "Artista - Título".
error-catalog-header-only = { $filename } tem um cabeçalho, mas nenhuma faixa abaixo dele.
error-catalog-unreadable-csv = { $filename } não é um arquivo CSV legível (linha { NUMBER($line, useGrouping: 0) }: { $reason }).
error-catalog-too-many-songs = { $filename } tem mais de { $limit } faixas, o máximo que uma verificação aceita: divida-o em arquivos menores.

# O índice e as criações dele (cada busca, /recarregar).
error-index-not-built = o índice ainda não foi criado; um moderador pode usar /recarregar
error-index-missing = ainda não há índice em { $path }: execute `trainedon index build` primeiro
error-index-schema = o índice em { $path } tem o esquema { NUMBER($found, useGrouping: 0) }, e esta versão precisa do { NUMBER($needed, useGrouping: 0) }: execute `trainedon index build`
error-index-unreadable = o índice em { $path } não pode ser lido ({ $reason })
error-reload-running = já há uma recarga em andamento; o resultado dela será publicado
error-build-locked = outra criação do índice está em andamento; tente de novo quando ela terminar
error-build-unknown-dataset = index.datasets cita um conjunto de dados desconhecido: { $dataset }
error-build-none-selected = nada para indexar: nenhum conjunto de dados está selecionado (confira index.datasets e include_demo)
error-build-no-files = nada para indexar: nenhum arquivo de conjunto de dados foi encontrado no diretório de dados
error-build-all-failed = nada foi indexado: { $failures }{ $more ->
        [0] {""}
       *[other] ; mais { $more } falharam
    }
error-build-would-lose = { $dataset }: { $reason }; o índice atual continua servindo esse conjunto de dados (corrija os arquivos ou recrie com --allow-partial para retirá-lo)
error-build-integrity = o novo índice não passou na verificação de integridade ({ $check })
error-build-track-count = o novo índice está inconsistente: { NUMBER($tracks, useGrouping: 0) } faixas, { NUMBER($declared, useGrouping: 0) } declaradas
error-build-orphan-artists = o novo índice está inconsistente: há artistas sem faixas
error-build-no-grams = o novo índice está inconsistente: nenhum n-grama de busca foi gravado
error-build-cannot-write = não foi possível gravar o novo índice em { $folder } ({ $cause ->
        [ENOSPC] não há mais espaço no disco
        [EDQUOT] a cota de disco foi excedida
        [EFBIG] o limite de tamanho de arquivo foi atingido
        [SQLITE_FULL] o disco está cheio
       *[SQLITE_IOERR_WRITE] uma gravação no disco falhou: ele está cheio?
    }){ $previous ->
        [kept] ; o índice anterior continua funcionando
       *[none] {""}
    }
error-build-reader-stopped = um processo leitor da criação do índice parou inesperadamente (código de saída { $code })

# O banco de dados de inscrições (/inscrever, /acompanhar e os outros comandos que o usam).
error-store-database-closed = o banco de dados de inscrições está fechado
error-store-no-answer = o banco de dados de inscrições { $database } não respondeu por { NUMBER($seconds, useGrouping: 0) } s: { $reason }
