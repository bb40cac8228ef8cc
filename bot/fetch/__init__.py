"""Fetching the datasets' published metadata: resumable, verified, atomic downloads.

No Discord imports; the CLI (`trainedon fetch`, `trainedon updates check`) and the bot use this.
"""

from bot.fetch.archive import extract, is_archive
from bot.fetch.download import Downloaded, DownloadProgress, download, part_path
from bot.fetch.errors import ArchiveError, FetchError, IntegrityError, TransientError
from bot.fetch.fetcher import DatasetFetch, FileFetch, Outcome, fetch_dataset, target_path
from bot.fetch.state import FetchState, FileState
from bot.fetch.updates import RemoteChange, remote_changes

__all__ = [
    "ArchiveError",
    "DatasetFetch",
    "DownloadProgress",
    "Downloaded",
    "FetchError",
    "FetchState",
    "FileFetch",
    "FileState",
    "IntegrityError",
    "Outcome",
    "RemoteChange",
    "TransientError",
    "download",
    "extract",
    "fetch_dataset",
    "is_archive",
    "part_path",
    "remote_changes",
    "target_path",
]
