"""Whether a value can play a role, and which field of a file likely plays each role.

`judge` is the readers' own view of one value (the same text rules as `RowConverter`, the
same id forms as the index). `guess_roles` ranks a file's fields for the roles a mapping
lacks, by name (a key called `song_name` or `performer.name`) and by the shape of its values
(YouTube video ids are 11 characters of [A-Za-z0-9_-], links start with http): the
suggestion a self-check failure and `trainedon index inspect` print as `columns:` lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, Literal

from bot.datasets.formats.columns import BadValue, text_value
from bot.text.links import IdKind, parse_link, video_id_in

Status = Literal["ok", "empty", "invalid", "wrong"]
TEXT_ROLES = ("title", "artists", "album")
# The id kind each published-identifier role holds (video_url: a link to a video).
ID_KINDS = {"video_id": IdKind.YOUTUBE_VIDEO, "video_url": IdKind.YOUTUBE_VIDEO,
            "artist_id": IdKind.YOUTUBE_CHANNEL, "spotify_id": IdKind.SPOTIFY_TRACK,
            "spotify_artist_id": IdKind.SPOTIFY_ARTIST, "fma_id": IdKind.FMA_TRACK}
LIST_ROLES = ("artists", "video_url", "artist_id")  # a list value holds several
# Ids whose form alone tells them apart: a Spotify id may be a track's or an artist's, and
# FMA's are plain numbers, so those need a name too.
SHAPED_ROLES = ("video_id", "video_url", "artist_id")
SHAPED_KINDS = (IdKind.YOUTUBE_VIDEO, IdKind.YOUTUBE_CHANNEL)

# Names a field playing the role is likely to have: whole names (words run together), words
# that say it on their own, and words that only hint at it.
_HINTS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    role: (frozenset(exact.split()), frozenset(core.split()), frozenset(weak.split()))
    for role, exact, core, weak in [
        ("title", "title song track songtitle tracktitle trackname songname fulltitle",
         "title", "name song track"),
        ("artists", "artist artists performer performers singer singers band musician "
         "primaryartist artistname artistnames", "artist artists performer performers singer "
         "singers band musician", "by author creator credit credits names"),
        ("album", "album albumname albumtitle release", "album", "record release"),
        ("url", "url link href youtubeurl youtubelink", "url link", "page"),
        ("id", "id videoid songid trackid", "", ""),
        ("video_id", "videoid youtubeid ytid video", "video youtube", "id"),
        ("video_url", "youtubeurl youtubelink youtubelinks videourl yturl youtube",
         "youtube", "url link links"),
        ("artist_id", "artistids channelid channelids artistid channel", "channel", ""),
        ("spotify_id", "spotifyid trackidspotify spotifytrackid spotify", "spotify", "trackid"),
        ("spotify_artist_id", "spotifyartistid artistidspotify", "", "artistid"),
        ("fma_id", "fmaid trackid", "", ""),
    ]
}
# The words that make a field (or the object a dotted path goes through) an entity's own:
# "album.title" and "album_name" are the album's, "performer.name" an artist's.
_OWNERS = {"title": frozenset({"title", "song", "track"}),
           "artists": _HINTS["artists"][1], "album": frozenset({"album", "release"})}
_ENTITY_NAMES = frozenset({"name", "names", "title"})
_NOT_NAMES = frozenset({"id", "ids", "url", "urls", "link", "links", "uri", "href", "count",
                        "date", "year", "duration", "views"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
MIN_SHARE = 0.8  # of a field's non-empty values that must have the role's shape


@dataclass(frozen=True, slots=True)
class Guess:
    """A field that likely plays a role, and how strongly (higher is surer)."""

    role: str
    field: str
    score: float


def judge(role: str, value: Any, link_kind: IdKind | None = None) -> tuple[Status, str]:
    """Whether `value` can play `role` as the reader reads it: ok, empty, invalid or wrong.

    The detail is the value's type for "wrong" (text was expected) and the value shown for
    "invalid" (an id without its kind's form). `link_kind`: the form an `id` role must have
    for a link to be built from it (the format preset's).
    """
    kind = ID_KINDS.get(role) or (link_kind if role == "id" else None)
    items = value if role in LIST_ROLES and isinstance(value, list | tuple) else [value]
    found: tuple[Status, str] = ("empty", "")
    for item in items:
        text = text_value(item)
        if isinstance(text, BadValue):
            if found[0] == "empty":
                found = ("wrong", _type_name(item))
            continue
        if not text:
            continue
        if kind is None or _has_form(role, kind, text):
            return ("ok", "")
        found = ("invalid", text)
    return found


def guess_roles(
    values: Mapping[str, Sequence[Any]], wanted: Iterable[str], taken: Iterable[str] = (),
    link_kind: IdKind | None = None,
) -> dict[str, str]:
    """The likeliest field for each wanted role, from each field's sampled values.

    A field plays one role (besides `id`, the row's own id, which may be one of its
    published ids), and none if it is in `taken` (mapped to a role that works). Text roles
    need a name that says so; only ids of a form nothing else has (YouTube videos and
    channels, links) may be recognised by their values alone.
    """
    used = set(taken)
    guesses = [guess for role in wanted for name, sample in values.items()
               if name.strip() and (guess := _guess(role, name, sample, link_kind))]
    chosen: dict[str, str] = {}
    for guess in sorted(guesses, key=lambda g: -g.score):
        if guess.role in chosen or (guess.role != "id" and guess.field in used):
            continue
        chosen[guess.role] = guess.field
        if guess.role != "id":
            used.add(guess.field)
    return chosen


def _guess(role: str, name: str, sample: Sequence[Any], link_kind: IdKind | None
           ) -> Guess | None:
    verdicts = [judge(role, value, link_kind) for value in sample if value is not None]
    full = [status for status, _ in verdicts if status != "empty"]
    if not full:
        return None
    share = full.count("ok") / len(full)
    by_name = _name_score(role, name)
    if role in TEXT_ROLES or role == "url":
        links = sum(1 for v in sample if isinstance(v, str) and v.startswith("http"))
        looks_like_links = links * 2 >= len(full)
        if share < MIN_SHARE or by_name < 1 or looks_like_links != (role == "url"):
            return None
        return Guess(role, name, by_name + share)
    if role == "id" and link_kind is None:
        return None  # a row's own id: only where the preset says what form it has
    distinctive = role in SHAPED_ROLES or (role == "id" and link_kind in SHAPED_KINDS)
    if share < MIN_SHARE or by_name < 0 or (by_name == 0 and not distinctive):
        return None
    return Guess(role, name, by_name + 2 * share)


def _name_score(role: str, name: str) -> float:
    """How much a field's name says it plays `role` (a text role's guess needs at least 1).

    4 by its whole name, 3 by a word of it, 1 by a whole name that only hints (`name`, `by`)
    or a near miss ("tittle"), 0.5 by a hinting word in a longer name.

    For title, artists and album, what a name belongs to decides: the object a dotted path
    goes through ("album.title" is the album's, "performer.name" an artist's) or the words
    beside "name" or "title" ("track_name_spotify" is a title). A name that belongs to
    another of them, or names an id or a link ("artist_id" is no artist), is ruled out.
    """
    exact, core, weak = _HINTS[role]
    segments = [_words(part) for part in name.split(".")]
    words = {word for part in segments for word in part}
    last = "".join(segments[-1])
    score = 0.0
    if last in exact or "".join(w for part in segments for w in part) in exact:
        score = 4
    elif words & core or {_singular(word) for word in words} & core:
        score = 3
    elif last in weak or get_close_matches(last, exact, n=1, cutoff=0.8):  # "tittle"
        score = 1
    elif words & weak:  # a word of a longer name: "Good Song One" is a headerless CSV's row
        score = 0.5
    if role not in TEXT_ROLES:
        return score
    if _NOT_NAMES & set(segments[-1][-1:]):
        return -1
    parents = [word for part in segments[:-1] for word in part]
    owner = next((other for word in reversed(parents) for other in TEXT_ROLES
                  if word in _OWNERS[other]), None)
    if owner is not None:
        if owner != role:
            return -1
        return 3.5 if _ENTITY_NAMES & set(segments[-1]) else max(score, 2)  # its name, not bio
    if score < 4 and any(words & _OWNERS[other] for other in TEXT_ROLES if other != role):
        return -1
    if words & _OWNERS[role] and words & _ENTITY_NAMES:
        return max(score, 3.5)
    return score


def _words(text: str) -> list[str]:
    """"artist_names" and "artistNames" both as ["artist", "names"]."""
    return [word.lower() for word in _WORDS.findall(text)]


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _has_form(role: str, kind: IdKind, text: str) -> bool:
    if role == "video_url":
        return video_id_in(text) is not None or kind.is_valid_id(text)
    if role == "fma_id" and "/" in text:
        page = parse_link(text)
        return getattr(page, "kind", None) is IdKind.FMA_TRACK
    return kind.is_valid_id(text)


def _type_name(value: Any) -> str:
    """What a value is, in words an operator reads: an object, a list, a number."""
    if isinstance(value, Mapping):
        return "objects"
    if isinstance(value, list | tuple):
        return "lists"
    if isinstance(value, bool):
        return "true/false values"
    if isinstance(value, BadValue):
        return value.reason
    return f"{type(value).__name__} values"
