# Éléments communs à de nombreux messages.

number = { $value }
number-tenths = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
list-separator = {", "}
list-and = { $items } et { $last }
delta-up = +{ $value }
delta-down = −{ $value }
count-none = aucun
embed-more-not-shown = { $count } de plus non affichés
field-continued = { $name } (suite)
