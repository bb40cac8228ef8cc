# /check catalog: a whole catalog checked at once.

catalog-queued = Another catalog is being checked; yours is next in line.
catalog-progress = Checking your catalog… { $done } of { $total } rows.
catalog-title = Catalog check: { $file }
catalog-found = **{ $found }** of { $rows } tracks found in at least one dataset
catalog-found-by-id = **{ $found }** of { $rows } tracks found in at least one dataset ({ $by_id } by exact id)
catalog-uncertain = { $count } uncertain
catalog-not-found = { $count } not found
catalog-unreadable = { $count } rows unreadable
catalog-dataset = { $found } found · { $uncertain } uncertain
catalog-by-exact-id = exact id
catalog-score = { $score }%
catalog-strongest = Strongest matches
catalog-full-results = Full results in the attached CSV
