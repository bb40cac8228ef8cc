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
