# Bausteine, die viele Nachrichten teilen.

number = { $value }
number-tenths = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
list-separator = {", "}
list-and = { $items } und { $last }
delta-up = +{ $value }
delta-down = −{ $value }
count-none = keine
embed-more-not-shown = { $count } weitere nicht angezeigt
field-continued = { $name } (Forts.)
