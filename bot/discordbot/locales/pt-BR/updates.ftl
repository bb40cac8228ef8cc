# Publicações sobre um índice reconstruído, e a resposta de /recarregar.

update-title = Atualização dos conjuntos de dados
update-rebuilt = O índice foi reconstruído em { $when }: { $tracks } faixas, { $artists } artistas.
update-nothing = Nenhum conjunto de dados mudou
update-nothing-detail = As contagens continuam as mesmas.
change-title-added = { $name } — adicionado
change-title-removed = { $name } — removido
change-title-changed = { $name } — atualizado
change-title-unchanged = { $name } — sem mudanças
change-was = tinha { $tracks } faixas · { $artists } artistas
change-counts = { $tracks } faixas · { $artists } artistas
change-track-delta = { $delta } faixas
change-tracks-in-out = +{ $added } / −{ $removed } faixas
change-now = { $tracks } (agora { $total }) · { $artists } artistas ({ $artists_total })
change-new-artists = { $count } artistas novos, p. ex. { $examples }
change-source-version = versão da fonte { $version }
change-source-date = arquivos de origem datados de { $when }

reload-title = Recarga concluída em { $seconds } s
reload-failed = • `{ $dataset }` falhou: { $error }
reload-skipped = • `{ $dataset }`: { $rows } linhas ignoradas
reload-skipped-example = • `{ $dataset }`: { $rows } linhas ignoradas (p. ex. { $path } linha { $line }: { $reason })
reload-problems = Ignorados e com falha
reload-processes = Processos
convergence-serving = { $serving } de { $total } processos servem esta versão (impressão digital `{ $fingerprint }`).
convergence-old-build = ainda serve a versão de { $build }
convergence-still = ainda { $state }
reload-running = Já há uma recarga em andamento; o relatório dela será publicado aqui.
reload-failed-whole = A recarga falhou: { $error }
    O índice anterior continua funcionando.
update-check-failed = A verificação de atualizações dos conjuntos de dados falhou: { $reason }
    O índice atual continua funcionando; próxima tentativa em { $minutes } min.
