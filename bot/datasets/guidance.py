"""What a found artist can do next: the guidance file (`data/guidance.yaml`), checked and chosen.

People who learn that their songs are listed in a dataset ask "and now?". The file answers with
routes (a publisher's contact or removal route, a host's reporting route, opt-out registries,
collecting societies' positions) and the state of the main court cases. Every item carries the
URL it was read from and the date it was checked, so a reader can see how fresh it is and check
it; an item nobody could source is not in the file. All of it is informational, not legal advice.

The wording rule holds here as everywhere: a song is "listed in dataset X (row Y)". Our own words
never call a listing proof, a song stolen, or a model trained on it (`FORBIDDEN_WORDING`); a
source's own words may, but only in an item's `quote`, which is always shown with who said it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.config import describe_validation_error
from bot.errors import TrainedOnError
from bot.yamlfile import read_yaml

log = logging.getLogger(__name__)

GUIDANCE_FILE = "guidance.yaml"  # beside the dataset manifest, in the data folder
NOT_LEGAL_ADVICE = "not legal advice"  # every notice says it; every display shows the notice
# Our words, never a source's (those go in `quote`): a listing is no proof, nothing is called
# stolen, and no model is said to be trained on a song. Whole words, any case.
FORBIDDEN_WORDING = re.compile(
    r"\b(proofs?|proves?|proven|stolen|steal\w*|theft|trained\s+(?:on|with)|used\s+to\s+train)\b",
    re.IGNORECASE,
)
# https only, and only characters a URL may hold unencoded: a source is a link to click.
_URL = re.compile(r"https://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
MAX_URL = 300
MAX_TITLE = 100
MAX_TEXT = 400
MAX_QUOTE = 300
# Bounds that keep every display within Discord's limits and a terminal screen readable.
MAX_GENERAL_ITEMS = 40
MAX_ITEMS_PER_DATASET = 8
MAX_DATASETS = 100
# A "checked" date may be a day ahead of UTC: the person who checked may live east of it.
CLOCK_SLACK = timedelta(days=1)

Kind = Literal["opt-out", "society", "case"]
KIND_TITLES: dict[str, str] = {
    "opt-out": "Opt-outs and registries",
    "society": "Collecting societies",
    "case": "Court cases",
}


class GuidanceError(TrainedOnError):
    """The guidance file cannot be read or does not pass its checks."""


def wording_problem(text: str) -> str | None:
    """Why `text` breaks the wording rule, or None: the forbidden words it uses."""
    found = sorted({m.group(0).lower() for m in FORBIDDEN_WORDING.finditer(text)})
    if not found:
        return None
    return (f"uses {', '.join(repr(f) for f in found)}; say \"listed in dataset X (row Y)\", "
            "or put a source's own words in `quote` with who said them")


def _url(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(f"a URL of at most {MAX_URL} characters")
    if not _URL.fullmatch(value):
        raise ValueError("an https:// URL (no spaces or quotes)")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Quote(_Model):
    """A source's own words, shown in quotation marks with who said them."""

    text: str = Field(min_length=1, max_length=MAX_QUOTE)
    by: str = Field(min_length=1, max_length=MAX_TITLE)


class GuidanceItem(_Model):
    """One route or one fact, with where it was read and when."""

    title: str = Field(min_length=1, max_length=MAX_TITLE)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    link: str | None = None  # where to act (a form, a page), when it is not the source itself
    quote: Quote | None = None
    source: str  # the page it was read from
    checked: date  # the day it was read there

    @field_validator("title", "text")
    @classmethod
    def _our_wording(cls, value: str) -> str:
        if problem := wording_problem(value):
            raise ValueError(problem)
        return value

    @field_validator("link", "source")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        return None if value is None else _url(value)

    @field_validator("checked")
    @classmethod
    def _not_in_the_future(cls, value: date) -> date:
        today = datetime.now(UTC).date()
        if value > today + CLOCK_SLACK:
            raise ValueError(f"a date that has come (today is {today}), not {value}")
        return value


class GeneralItem(GuidanceItem):
    """A route or case that concerns every listed song, whatever the dataset."""

    kind: Kind


class HostGuidance(_Model):
    """A platform that hosts several datasets, with its own reporting route."""

    name: str = Field(min_length=1, max_length=MAX_TITLE)
    items: list[GuidanceItem] = Field(min_length=1, max_length=MAX_ITEMS_PER_DATASET)


class DatasetGuidance(_Model):
    """A dataset's own routes (a contact, a removal route, or honestly none), and its host."""

    host: str | None = None  # a key of `hosts`: that platform's route applies too
    items: list[GuidanceItem] = Field(min_length=1, max_length=MAX_ITEMS_PER_DATASET)


class Guidance(_Model):
    """The whole file: a notice, the general routes, and the routes per host and dataset."""

    checked: date  # when the file as a whole was last reviewed
    notice: str = Field(min_length=1, max_length=MAX_TEXT)
    general: list[GeneralItem] = Field(default_factory=list, max_length=MAX_GENERAL_ITEMS)
    hosts: dict[str, HostGuidance] = Field(default_factory=dict, max_length=MAX_DATASETS)
    datasets: dict[str, DatasetGuidance] = Field(default_factory=dict, max_length=MAX_DATASETS)

    @field_validator("notice")
    @classmethod
    def _says_not_legal_advice(cls, value: str) -> str:
        if NOT_LEGAL_ADVICE not in value.lower():
            raise ValueError(f"a notice that says {NOT_LEGAL_ADVICE!r}")
        if problem := wording_problem(value):
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _hosts_exist_and_dates_agree(self) -> Guidance:
        for dataset_id, entry in self.datasets.items():
            if entry.host is not None and entry.host not in self.hosts:
                raise ValueError(f"dataset {dataset_id!r} names host {entry.host!r}, which is "
                                 f"not under `hosts` ({', '.join(self.hosts) or 'none'})")
        # `checked` at the top is the last review of the whole file: no item is newer.
        newer = [i.title for i in self.items() if i.checked > self.checked]
        if newer:
            raise ValueError(f"{newer[0]!r} was checked after the file's `checked` "
                             f"({self.checked}): review the file and move that date on")
        return self

    def items(self) -> Iterator[GuidanceItem]:
        """Every item in the file, for checks that must hold for all of them."""
        yield from self.general
        for host in self.hosts.values():
            yield from host.items
        for dataset in self.datasets.values():
            yield from dataset.items

    def next_steps(self, datasets: Iterable[tuple[str, str]]) -> NextSteps:
        """What to show under an answer listing a song in `datasets` (id, name as shown).

        Each dataset's own routes first, in the answer's order; then the routes of the hosts
        they are on, once each; then the general routes and cases, by kind.
        """
        listed = list(dict.fromkeys(datasets))
        sections: list[Section] = []
        hosts: dict[str, list[str]] = {}
        unlisted: list[str] = []
        for dataset_id, name in listed:
            entry = self.datasets.get(dataset_id)
            if entry is None:
                unlisted.append(name)
                continue
            sections.append(Section(name, tuple(entry.items)))
            if entry.host is not None:
                hosts.setdefault(entry.host, []).append(name)
        for key, names in hosts.items():
            host = self.hosts[key]
            sections.append(Section(f"{host.name} (hosts {', '.join(names)})", tuple(host.items)))
        for kind, title in KIND_TITLES.items():
            items = tuple(item for item in self.general if item.kind == kind)
            if items:
                sections.append(Section(title, items))
        return NextSteps(self.notice, self.checked, tuple(name for _, name in listed),
                         tuple(sections), tuple(unlisted))


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (a dataset, a host, a kind of route) and its items."""

    title: str
    items: tuple[GuidanceItem, ...]


@dataclass(frozen=True, slots=True)
class NextSteps:
    """The guidance chosen for one answer, ready for any front end to show."""

    notice: str
    checked: date
    listed_in: tuple[str, ...]  # the datasets the answer lists the song in, by name
    sections: tuple[Section, ...]
    no_route: tuple[str, ...] = ()  # listed datasets the file has no route for

    def lines(self) -> Iterator[tuple[Section, GuidanceItem]]:
        for section in self.sections:
            for item in section.items:
                yield section, item

    def to_json(self) -> dict[str, Any]:
        return {
            "notice": self.notice,
            "checked": self.checked.isoformat(),
            "listed_in": list(self.listed_in),
            "no_route_on_file": list(self.no_route),
            "sections": [
                {"title": section.title, "items": [_item_json(i) for i in section.items]}
                for section in self.sections
            ],
        }


def _item_json(item: GuidanceItem) -> dict[str, Any]:
    data: dict[str, Any] = {"title": item.title, "text": item.text}
    if item.quote is not None:
        data["quote"] = {"text": item.quote.text, "by": item.quote.by}
    if item.link is not None:
        data["link"] = item.link
    data["source"] = item.source
    data["checked"] = item.checked.isoformat()
    return data


def guidance_path(manifest_path: Path) -> Path:
    """Where the guidance file lives: beside the dataset manifest."""
    return manifest_path.with_name(GUIDANCE_FILE)


def load_guidance(path: Path) -> Guidance:
    """Read and check the guidance file; any problem is one line (GuidanceError)."""
    raw = read_yaml(path, GuidanceError, "guidance file")
    try:
        return Guidance.model_validate(raw)
    except ValidationError as exc:
        raise GuidanceError(describe_validation_error(path, exc, Guidance)) from None


def read_guidance(path: Path) -> Guidance | None:
    """The guidance, or None when there is none to show: answers never fail for its sake.

    A missing file is a choice (a data folder may ship none) and only noted; a broken one is
    a mistake and warned about, in its one line.
    """
    if not path.exists():
        log.info("%s: no guidance file; answers show no \"What can I do?\" section", path)
        return None
    try:
        return load_guidance(path)
    except GuidanceError as exc:
        log.warning("%s; answers show no \"What can I do?\" section until it is fixed", exc)
        return None


class GuidanceFile:
    """The guidance file for a long-running bot: read again when it changes on disk.

    An operator fixes a route without a restart; each state of the file is read, and warned
    about if broken, once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._guidance: Guidance | None = None

    def current(self) -> Guidance | None:
        try:
            info = self.path.stat()
        except OSError:
            stamp = (-1, -1)
        else:
            stamp = (info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            self._stamp = stamp
            self._guidance = read_guidance(self.path)
        return self._guidance

