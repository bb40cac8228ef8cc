# Piezas que comparten muchos mensajes.

number = { $value }
number-tenths = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
list-separator = {", "}
list-and = { $items } y { $last }
delta-up = +{ $value }
delta-down = −{ $value }
count-none = ninguna
embed-more-not-shown = { $count } más sin mostrar
field-continued = { $name } (cont.)
