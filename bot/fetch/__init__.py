"""Fetching the datasets' published metadata: resumable, verified, atomic downloads.

No Discord imports; the CLI (`trainedon fetch`, `trainedon updates check`) and the bot use this.
The function `download` is not re-exported: bound here, it would hide the module
`bot.fetch.download` (`import bot.fetch.download` would give the function).
"""

from bot.fetch.archive import extract, is_archive
from bot.fetch.download import Downloaded, DownloadProgress, discard_part, part_path
from bot.fetch.errors import (
    ArchiveError,
    DeadlineExceeded,
    FetchError,
    FetchInProgress,
    HubError,
    IntegrityError,
    TransientError,
)
from bot.fetch.fetcher import (
    DatasetFetch,
    FetchSession,
    FileFetch,
    Outcome,
    fetch_dataset,
    fetch_session,
    target_path,
)
from bot.fetch.limits import FetchLimits
from bot.fetch.lock import data_dir_lock
from bot.fetch.state import FetchState, FileState
from bot.fetch.updates import RemoteChange, SourceCheck, check_sources, remote_changes

__all__ = [
    "ArchiveError",
    "DatasetFetch",
    "DeadlineExceeded",
    "DownloadProgress",
    "Downloaded",
    "FetchError",
    "FetchInProgress",
    "FetchLimits",
    "FetchSession",
    "FetchState",
    "FileFetch",
    "FileState",
    "HubError",
    "IntegrityError",
    "Outcome",
    "RemoteChange",
    "SourceCheck",
    "TransientError",
    "check_sources",
    "data_dir_lock",
    "discard_part",
    "extract",
    "fetch_dataset",
    "fetch_session",
    "is_archive",
    "part_path",
    "remote_changes",
    "target_path",
]
