# /abonnieren, /abbestellen, /abonnements: Datensatz-Updates in einem Kanal.

subscribe-added = { $channel } bekommt einen Beitrag, sobald sich der Index ändert.
subscribe-already = { $channel } ist bereits abonniert.
unsubscribe-removed = { $channel } bekommt keine Update-Beiträge mehr.
unsubscribe-not-subscribed = { $channel } war nicht abonniert.
subscriptions-title = Update-Abonnements
subscriptions-line = • { $channel } — { $state }
subscriptions-line-last = • { $channel } — { $state }, letzter Beitrag: Build vom { $build }
subscriptions-none = Kein Kanal dieses Servers ist abonniert.
state-disabled = deaktiviert nach { $failures } Fehlschlägen ({ $error })
state-since = seit { $date }
