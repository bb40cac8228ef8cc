# Pieces shared by many messages.

# A number in this locale's digits: 1,234 and 12.3.
number = { $value }
number-tenths = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
# "a, b and c": the separator between all but the last two, then the last pair.
list-separator = {", "}
list-and = { $items } and { $last }
# Counts that went down are shown with a minus sign, counts that went up with a plus.
delta-up = +{ $value }
delta-down = −{ $value }
# A count of tracks in a dataset that holds none.
count-none = none
# When an embed has more fields than Discord shows, and a field goes on in the next one.
embed-more-not-shown = { $count } more not shown
field-continued = { $name } (cont.)
