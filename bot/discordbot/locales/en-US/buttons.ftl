# Buttons under answers, and what pressing them answers.

refusal-pager = Only the person who asked can turn these pages; run /lookup yourself to browse.
button-summary = Summary
button-tracks-page = Tracks { $page } / { $pages }
button-export = Export CSV + JSON
export-sent = The full result, with each row's id in its dataset, link, score and index build.

# "What can I do?": the guidance under a found answer. The guidance itself stays as its file
# says; these are the words around it.
guidance-button = What can I do?
guidance-title = What can I do?
guidance-continued = What can I do? (continued)
guidance-footer = Informational, not legal advice · guidance checked { $checked }
guidance-listed-in = Listed in: { $datasets }.
guidance-no-route = No publisher route on file for: { $datasets }.
guidance-go-there = Go there
guidance-source-label = Source
guidance-source = { $source }, checked { $checked }
