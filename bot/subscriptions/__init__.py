"""The bot's own store, with no Discord in it: subscriptions, artist watches, the outbox.

SQLite for a bot of one process, PostgreSQL for one split over many.
"""

from bot.errors import StoreError
from bot.subscriptions.ledger import DeliveryLedger, LedgerEntry
from bot.subscriptions.posts import NewPost, PostQueue, QueuedPost
from bot.subscriptions.store import Subscription, SubscriptionStore
from bot.subscriptions.watches import Watch, WatchKey, WatchStore

__all__ = [
    "DeliveryLedger",
    "LedgerEntry",
    "NewPost",
    "PostQueue",
    "QueuedPost",
    "StoreError",
    "Subscription",
    "SubscriptionStore",
    "Watch",
    "WatchKey",
    "WatchStore",
]
