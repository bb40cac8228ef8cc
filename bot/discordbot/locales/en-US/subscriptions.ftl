# /subscribe, /unsubscribe, /subscriptions: dataset-update posts in a channel.

subscribe-added = { $channel } will get a post whenever the index changes.
subscribe-already = { $channel } is already subscribed.
unsubscribe-removed = { $channel } will no longer get update posts.
unsubscribe-not-subscribed = { $channel } was not subscribed.
subscriptions-title = Update subscriptions
subscriptions-line = • { $channel } — { $state }
subscriptions-line-last = • { $channel } — { $state }, last post: build of { $build }
subscriptions-none = No channel of this server is subscribed.
# A subscription's or a watch's state.
state-disabled = disabled after { $failures } failures ({ $error })
state-since = since { $date }
