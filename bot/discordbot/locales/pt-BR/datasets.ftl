# /conjuntos-de-dados: o que está indexado, e os fatos publicados sobre cada conjunto.

datasets-title = Conjuntos de dados indexados
datasets-total = { $tracks } faixas de { $datasets } conjuntos de dados.
datasets-entry = { $tracks } faixas · { $artists } artistas
    Licença: { $licence }
    { $source } · atualizado em { $updated }
datasets-source = Fonte
datasets-recent = Mudanças recentes
datasets-recent-line = • { $when }: { $changes }
change-added = { $name } adicionado
change-removed = { $name } removido
change-changed = { $name } atualizado
change-unchanged = { $name } sem mudanças

facts-title = Fatos como foram publicados, com as fontes
facts-continued = Fatos como foram publicados, com as fontes (continuação)
facts-intro = Cada fato como quem o publica o declara, com link para a página de onde foi lido e a data em que foi verificado. Um fato que ninguém conseguiu verificar diz isso.
facts-unreadable = Não foi possível ler os fatos: { $problem }
facts-none = **Não verificado**: nenhum fato registrado no manifesto.
fact-verified = { $label }: { $value } (verificado em { $checked })
fact-unverified-value = { $label }: { $value } — **não verificado**: { $why }
fact-unverified = { $label }: **não verificado**: { $why }
fact-no-source = nenhuma fonte registrada
