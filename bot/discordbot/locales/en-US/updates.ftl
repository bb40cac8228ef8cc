# Posts about a rebuilt index, and /reload's answer.

update-title = Dataset update
update-rebuilt = The index was rebuilt on { $when }: { $tracks } tracks, { $artists } artists.
update-nothing = No dataset changed
update-nothing-detail = Counts are as before.
change-title-added = { $name } — added
change-title-removed = { $name } — removed
change-title-changed = { $name } — updated
change-title-unchanged = { $name } — unchanged
change-was = was { $tracks } tracks · { $artists } artists
change-counts = { $tracks } tracks · { $artists } artists
change-track-delta = { $delta } tracks
change-tracks-in-out = +{ $added } / −{ $removed } tracks
change-now = { $tracks } (now { $total }) · { $artists } artists ({ $artists_total })
change-new-artists = { $count } new artists, e.g. { $examples }
change-source-version = source version { $version }
change-source-date = source files dated { $when }

reload-title = Reload done in { $seconds }s
reload-failed = • `{ $dataset }` failed: { $error }
reload-skipped = • `{ $dataset }`: { $rows } rows skipped
reload-skipped-example = • `{ $dataset }`: { $rows } rows skipped (e.g. { $path } line { $line }: { $reason })
reload-problems = Skipped and failed
reload-processes = Processes
convergence-serving = { $serving } of { $total } processes serve this build (fingerprint `{ $fingerprint }`).
convergence-old-build = still serves the build of { $build }
convergence-still = still { $state }
reload-running = A reload is already running; its report will be posted here.
reload-failed-whole = Reload failed: { $error }
    The previous index keeps serving.
# To the operators' channel, when the background update check fails.
update-check-failed = Dataset update check failed: { $reason }
    The current index keeps serving; next try in { $minutes } min.
