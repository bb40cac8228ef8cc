"""Several bot processes as one: a leader, a process list, builds announced to all.

The database elects the leader and carries the news: PostgreSQL (an advisory lock,
LISTEN/NOTIFY) for many processes, the SQLite store (a file lock) for one. No Discord in it.
"""

from bot.cluster.builds import BuildRow, Builds
from bot.cluster.cluster import Cluster, Timings, cluster_for, open_cluster
from bot.cluster.leader import FileLeader, Leader, PostgresLeader, current_leader
from bot.cluster.members import Members, ProcessRow
from bot.cluster.notifications import LocalNotifications, Notifications, PostgresNotifications

__all__ = [
    "BuildRow",
    "Builds",
    "Cluster",
    "FileLeader",
    "Leader",
    "LocalNotifications",
    "Members",
    "Notifications",
    "PostgresLeader",
    "PostgresNotifications",
    "ProcessRow",
    "Timings",
    "cluster_for",
    "current_leader",
    "open_cluster",
]
