"""Channel subscriptions to dataset-update posts: a small SQLite store with no Discord in it."""

from bot.errors import StoreError
from bot.subscriptions.store import Subscription, SubscriptionStore
from bot.subscriptions.watches import Watch, WatchStore

__all__ = ["StoreError", "Subscription", "SubscriptionStore", "Watch", "WatchStore"]
