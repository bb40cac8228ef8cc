"""Channel subscriptions to dataset-update posts: a small SQLite store with no Discord in it."""

from bot.errors import StoreError
from bot.subscriptions.ledger import DeliveryLedger, LedgerEntry
from bot.subscriptions.store import Subscription, SubscriptionStore
from bot.subscriptions.watches import Watch, WatchKey, WatchStore

__all__ = [
    "DeliveryLedger",
    "LedgerEntry",
    "StoreError",
    "Subscription",
    "SubscriptionStore",
    "Watch",
    "WatchKey",
    "WatchStore",
]
