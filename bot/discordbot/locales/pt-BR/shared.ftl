# Partes compartilhadas por muitas mensagens.

number = { $value }
number-tenths = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
list-separator = {", "}
list-and = { $items } e { $last }
delta-up = +{ $value }
delta-down = −{ $value }
count-none = nenhuma
embed-more-not-shown = mais { $count } não mostrados
field-continued = { $name } (cont.)
