# /privacidade política, /privacidade esquecer-meus-dados, /privacidade apagar-dados-do-servidor.

privacy-title = O TrainedOn e seus dados
privacy-summary = Buscar algo não guarda nada: os nomes, links e catálogos que você verifica são buscados na memória e esquecidos assim que você recebe a resposta; exportações e relatórios são feitos na memória e enviados a você pelo Discord.
privacy-kept-title = O que é guardado
privacy-kept = • Inscrições e acompanhamentos de artistas que um moderador configura: o servidor, o canal, o artista acompanhado e o id de usuário de quem configurou, até serem removidos, o canal ser apagado ou o bot sair do servidor.
    • As publicações de atualização e os avisos que o bot envia a esses canais (a mensagem como foi enviada), pelo mesmo tempo.
    • O registro (log) do bot: ids de servidores e canais, e o id de usuário de alguém que teve um comando recusado ou que configurou algo; nunca o que você buscou. O operador o guarda por um tempo limitado.
privacy-delete-title = Como apagar
privacy-delete = `/privacidade esquecer-meus-dados` apaga os acompanhamentos de artistas que você criou e seu id de usuário das inscrições que você fez, em todo lugar. `/privacidade apagar-dados-do-servidor` (Gerenciar servidor) apaga tudo o que é guardado sobre um servidor. Remover o bot de um servidor faz o mesmo.
privacy-full-title = A política completa
privacy-full-link = Política de privacidade deste bot
privacy-full-source = `docs/PRIVACY.md` no código-fonte do TrainedOn, que é o que este bot executa.

privacy-forgotten-nothing = O TrainedOn não guarda nada sobre você: nenhum acompanhamento de artista nem inscrição cita você.
privacy-forgotten = Pronto. { $watches ->
        [one] Apagado { $watches } acompanhamento de artista
       *[other] Apagados { $watches } acompanhamentos de artistas
    } que você criou, e removido seu id de usuário de { $subscriptions ->
        [one] { $subscriptions } inscrição
       *[other] { $subscriptions } inscrições
    } que você fez (esses canais continuam recebendo as publicações de atualização).
privacy-logs-note = As linhas de log já escritas não são editadas; elas são apagadas quando vence o prazo de retenção de logs do operador.

privacy-nothing-in-server = O TrainedOn não guarda nada sobre este servidor.
privacy-confirm-delete = Isto apaga tudo o que o TrainedOn guarda sobre este servidor: { $data }. Todas as publicações de atualização e avisos de artistas aqui param. Mensagens já publicadas continuam no Discord. Isto não pode ser desfeito.
privacy-delete-button = Apagar os dados deste servidor
privacy-cancel-button = Cancelar
privacy-deleted = Dados deste servidor apagados: { $data }.
privacy-cancelled = Nada foi apagado.
privacy-server-data = { $subscriptions ->
        [one] { $subscriptions } inscrição
       *[other] { $subscriptions } inscrições
    }, { $watches ->
        [one] { $watches } acompanhamento de artista
       *[other] { $watches } acompanhamentos de artistas
    } e { $posts ->
        [one] { $posts } publicação guardada
       *[other] { $posts } publicações guardadas
    }
