"""`trainedon db migrate-to URL`: move the subscriptions and watches into PostgreSQL.

Run it once before starting the bot with `database.url` set (and again at will: it copies only
what is missing). The config's SQLite file is read and left as it was. The URL may carry a
password, so it can come from the config or TRAINEDON_DATABASE_URL instead of the command
line, and it is shown with the password hidden.

Exit status: 0 copied (or nothing left to copy), 1 the database failed, 2 usage or config.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys

from bot.cli.exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from bot.cli.foreground import run_in_foreground
from bot.config import Config, redacted_url
from bot.errors import StoreError
from bot.subscriptions import SubscriptionStore
from bot.subscriptions.transfer import Copied, Snapshot, copy_into, read_sqlite

log = logging.getLogger(__name__)

Subcommands = argparse._SubParsersAction  # argparse exposes no public name for it
# A server still starting is waited for this long; a wrong address fails after it.
CONNECT_SECONDS = 10.0


def add_db_parser(commands: Subcommands[argparse.ArgumentParser],
                  common: argparse.ArgumentParser) -> None:
    db = commands.add_parser("db", help="the subscriptions database")
    actions = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    migrate_to = actions.add_parser(
        "migrate-to", parents=[common],
        help="copy subscriptions and watches from the SQLite file into PostgreSQL",
        description="Copy the subscriptions and artist watches of the config's SQLite file, "
                    "with their delivery state, into a PostgreSQL database (migrated first). "
                    "Rows already there are kept; the SQLite file is not changed.",
    )
    migrate_to.add_argument(
        "url", nargs="?", metavar="URL",
        help="postgresql://user:password@host:port/database (default: the config's "
             "database.url or TRAINEDON_DATABASE_URL, which keep a password off the command "
             "line)")


def run_db(args: argparse.Namespace, config: Config) -> int:
    url: str | None = args.url or config.database_url()
    if not url:
        print("error: give the PostgreSQL URL to copy into (or set database.url)",
              file=sys.stderr)
        return EXIT_USAGE
    if not re.fullmatch(r"postgres(ql)?://\S+", url):
        print(f"error: expected a postgresql:// URL, not {redacted_url(url)!r}", file=sys.stderr)
        return EXIT_USAGE
    source = config.subscriptions_path
    try:
        snapshot = read_sqlite(source)
    except StoreError as exc:  # no file, or not one of ours: the config points elsewhere
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        copied = run_in_foreground(_copy(url, snapshot))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(render_copied(copied, str(source), redacted_url(url)))
    return EXIT_OK


async def _copy(url: str, snapshot: Snapshot) -> Copied:
    store = await SubscriptionStore.open_url(url, retry_seconds=CONNECT_SECONDS)
    try:
        return await copy_into(store, snapshot)
    finally:
        await store.close()


def render_copied(copied: Copied, source: str, target: str) -> str:
    """One line: what was copied where, or that nothing was new."""
    read = copied.read
    if not copied.anything:
        return (f"Nothing new to copy: the {_count(len(read.subscriptions), 'subscription')} "
                f"and {_count(len(read.watches), 'watch')} of {source} are already in {target}.")
    kept = len(read.subscriptions) - copied.subscriptions + len(read.watches) - copied.watches
    return (f"Copied {_count(copied.subscriptions, 'subscription')} and "
            f"{_count(copied.watches, 'watch')} from {source} to {target}"
            f" ({kept} already there).")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else ("es" if noun.endswith("ch") else "s"))
