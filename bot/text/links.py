"""Links and ids people paste, parsed into the identifiers the datasets publish.

Pure: no I/O and no network, so a link that only a web request could resolve (a YouTube
@handle, a playlist, a Spotify album) is answered with one sentence saying what to paste
instead, never with a guess. Input is capped at MAX_INPUT_CHARS and every pattern is a
bounded character class, so junk of any shape costs microseconds.

FMA: the dataset's track pages (raw_tracks.csv `track_url`, e.g.
http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food) carry no numeric id, so a
pasted page link becomes an FMA_TRACK whose id is the page path after /music/
("AWOL/AWOL_-_A_Way_Of_Life/Food": segments percent-decoded, case kept, no trailing slash).
The index matches it by running parse_link on the dataset's own `track_url` values, so both
sides go through the same normalisation. Digits (or `fma:123`) are the dataset's `track_id`;
the two forms never collide, since a page path always holds a slash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, quote, unquote, urlsplit

MAX_INPUT_CHARS = 2_000  # Discord's message limit; anything longer is not a pasted link

_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_SPOTIFY_ID = re.compile(r"[A-Za-z0-9]{22}")
# FMA counts its tracks in the hundreds of thousands; nine digits leaves room without
# reading a phone number as a track.
_FMA_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
_FMA_SEGMENT = r"[^/\x00-\x1f\x7f]{1,300}"  # decoded: "%20" is a space
_FMA_PAGE = re.compile(rf"{_FMA_SEGMENT}/{_FMA_SEGMENT}/{_FMA_SEGMENT}")
_DIGITS = re.compile(r"[0-9]{1,30}")
_HANDLE = re.compile(r"@[A-Za-z0-9._-]{1,100}")
_VANITY = re.compile(r"[A-Za-z0-9_-]{1,100}")  # youtube.com/Radiohead, the pre-2014 custom URL
_SPOTIFY_LOCALE = re.compile(r"intl-[a-z]{2}(?:[-_][a-z]{2})?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_SCHEME_AND_SLASHES = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}://")
_WHITESPACE = re.compile(r"\s")

# What people wrap a link in: Discord's <…> (no preview), quotes, brackets, backticks, and
# the punctuation of the sentence it was pasted from. Never - or _, which end ids.
_LEADING_WRAP = "<([{\"'`“‘«\u200b\u200c\u200d\u2060\ufeff"
_TRAILING_WRAP = ">)]}\"'`”’».,;:!?\u200b\u200c\u200d\u2060\ufeff"

_YOUTUBE_HOSTS = frozenset({
    "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
})
_YOUTU_BE_HOSTS = frozenset({"youtu.be", "www.youtu.be"})
_SPOTIFY_HOSTS = frozenset({"open.spotify.com", "play.spotify.com"})
_SPOTIFY_SHORT_HOSTS = frozenset({"spotify.link", "spotify.app.link"})
_FMA_HOSTS = frozenset({"freemusicarchive.org", "www.freemusicarchive.org"})

_VIDEO_ROUTES = frozenset({"shorts", "embed", "live", "v", "e"})
# Top-level YouTube pages that are not a legacy channel name.
_YOUTUBE_RESERVED = frozenset({
    "about", "account", "feed", "gaming", "hashtag", "kids", "music", "post", "premium",
    "redirect", "results", "signin", "logout", "upload", "watch", "playlist", "channel",
    "shorts", "embed", "live", "v", "e", "c", "user", "t", "new", "trending", "watch_videos",
    "attribution_link", "oembed", "howyoutubeworks", "ads", "creators", "yt", "s", "browse",
})


class IdKind(StrEnum):
    """The identifiers the datasets publish; the values are the JSON `link.type` values."""

    YOUTUBE_VIDEO = "youtube_video"
    YOUTUBE_CHANNEL = "youtube_channel"
    SPOTIFY_TRACK = "spotify_track"
    SPOTIFY_ARTIST = "spotify_artist"
    FMA_TRACK = "fma_track"

    @property
    def label(self) -> str:
        """What to call it in a sentence: "Spotify track"."""
        return _LABELS[self]

    def is_valid_id(self, value: str) -> bool:
        """Whether `value` has this kind's published form, so no malformed id reaches the index."""
        if self is IdKind.FMA_TRACK:
            return bool(_FMA_NUMBER.fullmatch(value) or _FMA_PAGE.fullmatch(value))
        return _ID_FORMS[self].fullmatch(value) is not None

    def canonical_url(self, value: str) -> str | None:
        """The page people can open; None for an FMA number, since FMA pages go by name."""
        if self is IdKind.FMA_TRACK:
            if _FMA_NUMBER.fullmatch(value):
                return None
            return _FMA_PAGE_URL + "/".join(quote(part, safe="") for part in value.split("/"))
        return _URLS[self].format(value)


_LABELS = {
    IdKind.YOUTUBE_VIDEO: "YouTube video",
    IdKind.YOUTUBE_CHANNEL: "YouTube Music channel",
    IdKind.SPOTIFY_TRACK: "Spotify track",
    IdKind.SPOTIFY_ARTIST: "Spotify artist",
    IdKind.FMA_TRACK: "FMA track",
}
_ID_FORMS = {
    IdKind.YOUTUBE_VIDEO: _VIDEO_ID,
    IdKind.YOUTUBE_CHANNEL: _CHANNEL_ID,
    IdKind.SPOTIFY_TRACK: _SPOTIFY_ID,
    IdKind.SPOTIFY_ARTIST: _SPOTIFY_ID,
}
_URLS = {
    IdKind.YOUTUBE_VIDEO: "https://www.youtube.com/watch?v={}",
    IdKind.YOUTUBE_CHANNEL: "https://www.youtube.com/channel/{}",
    IdKind.SPOTIFY_TRACK: "https://open.spotify.com/track/{}",
    IdKind.SPOTIFY_ARTIST: "https://open.spotify.com/artist/{}",
}
_FMA_PAGE_URL = "https://freemusicarchive.org/music/"


@dataclass(frozen=True, slots=True)
class LinkId:
    """An identifier exactly as the datasets publish it (YouTube and Spotify ids keep case)."""

    kind: IdKind
    id: str

    def __post_init__(self) -> None:
        """Refuse a malformed id here, so every LinkId in the program is a well-formed one."""
        if not self.kind.is_valid_id(self.id):
            raise ValueError(f"not a {self.kind.label} id: {self.id!r}")

    @property
    def url(self) -> str | None:
        """The canonical page, when one can be built offline."""
        return self.kind.canonical_url(self.id)


@dataclass(frozen=True, slots=True)
class Unresolvable:
    """A link we recognise but cannot turn into an id offline; the sentence says what to paste.

    `key` and `what` name the sentence in the bot's message catalogue (errors.ftl), where it
    is said in the reader's language.
    """

    sentence: str
    key: str
    what: str | None = None  # the kind of link, for the sentences shared by several kinds


_CHANNEL_NAMES = {"handle": "@handle", "custom": "custom channel address (/c/ or a bare name)",
                  "user": "/user/ address"}


def _channel_name(what: str) -> Unresolvable:
    return Unresolvable(
        f"A YouTube {_CHANNEL_NAMES[what]} cannot be resolved offline: open the channel and "
        "copy its ID from “Share channel → Copy channel ID” (it starts with UC), or paste a "
        "link to one of its videos.",
        key="error-link-channel-name", what=what,
    )


def _spotify_collection(what: str) -> Unresolvable:
    return Unresolvable(
        f"A Spotify {what} link cannot be resolved offline: paste the open.spotify.com/track/… "
        "link of one of its tracks, or an open.spotify.com/artist/… link, instead.",
        key="error-link-spotify-collection", what=what,
    )


_HANDLE_LINK = _channel_name("handle")
_CUSTOM_LINK = _channel_name("custom")
_USER_LINK = _channel_name("user")
_PLAYLIST = Unresolvable(
    "A YouTube playlist link cannot be resolved offline: open one of its videos and paste "
    "that video's link (with watch?v=) instead.",
    key="error-link-youtube-playlist",
)
_SEARCH = Unresolvable(
    "A YouTube search cannot be resolved offline: open the video you mean and paste its link "
    "instead.",
    key="error-link-youtube-search",
)
_MUSIC_ALBUM = Unresolvable(
    "A YouTube Music album page cannot be resolved offline: paste the link of one of its songs "
    "(music.youtube.com/watch?v=…) or of the artist's channel instead.",
    key="error-link-music-album",
)
_SPOTIFY_COLLECTIONS = {
    kind: _spotify_collection(kind) for kind in ("album", "playlist", "show", "episode")
}
_SPOTIFY_SHORT = Unresolvable(
    "A Spotify short link cannot be resolved offline: open it and paste the open.spotify.com "
    "address it leads to instead.",
    key="error-link-spotify-short",
)
_SPOTIFY_AMBIGUOUS = Unresolvable(
    "A bare Spotify id could be a track or an artist: paste its open.spotify.com/track/… or "
    "open.spotify.com/artist/… link instead.",
    key="error-link-spotify-ambiguous",
)
_FMA_PAGE_HINT = "paste the page link of one track (freemusicarchive.org/music/Artist/Album/Track)"
_FMA_ALBUM = Unresolvable(f"An FMA album page lists several tracks: {_FMA_PAGE_HINT} instead.",
                          key="error-link-fma-album")
_FMA_ARTIST = Unresolvable(f"An FMA artist page lists several tracks: {_FMA_PAGE_HINT} instead.",
                           key="error-link-fma-artist")
_FMA_TRACK_SLUG = Unresolvable(
    f"An FMA /track/ link names the title but not the artist or album: {_FMA_PAGE_HINT} instead.",
    key="error-link-fma-track-slug",
)

_Parsed = LinkId | Unresolvable | None


def parse_link(text: str) -> LinkId | Unresolvable | None:
    """Read a pasted link or bare id; None means it is not one we know (a usage error)."""
    if len(text) > MAX_INPUT_CHARS:
        return None
    text = _unwrap(text)
    if not text or _WHITESPACE.search(text):
        return None
    lowered = text.lower()
    if lowered.startswith("spotify:"):
        return _spotify_uri(text)
    if lowered.startswith("fma:"):
        return _fma_number(text[4:])
    if "/" in text or "." in text:
        return _url(text)
    return _bare(text)


def video_id_in(url: str) -> str | None:
    """The YouTube video id in a link a dataset publishes (e.g. DISCO-10M `video_url_youtube`)."""
    # Readers call this once per row, tens of millions of times: the form the datasets
    # actually publish skips URL parsing.
    if url.startswith(_WATCH_PREFIX) and len(url) == len(_WATCH_PREFIX) + 11:
        candidate = url[len(_WATCH_PREFIX):]
        if _VIDEO_ID.fullmatch(candidate):
            return candidate
    found = parse_link(url)
    if isinstance(found, LinkId) and found.kind is IdKind.YOUTUBE_VIDEO:
        return found.id
    return None


_WATCH_PREFIX = "https://www.youtube.com/watch?v="


def _unwrap(text: str) -> str:
    """Strip whitespace, <…>, quotes and sentence punctuation from both ends."""
    text = text.strip()
    start, end = 0, len(text)
    while start < end and text[start] in _LEADING_WRAP:
        start += 1
    while end > start and text[end - 1] in _TRAILING_WRAP:
        end -= 1
    return text[start:end].strip()


def _make(kind: IdKind, value: str) -> LinkId | None:
    return LinkId(kind, value) if kind.is_valid_id(value) else None


def _bare(text: str) -> _Parsed:
    """An id pasted on its own, accepted only where its form says what it is."""
    if _DIGITS.fullmatch(text):
        # Eleven digits are a valid (if rare) YouTube id and too long for an FMA id.
        return _make(IdKind.YOUTUBE_VIDEO, text) if len(text) == 11 else _fma_number(text)
    if _VIDEO_ID.fullmatch(text):
        return LinkId(IdKind.YOUTUBE_VIDEO, text)
    if _CHANNEL_ID.fullmatch(text):
        return LinkId(IdKind.YOUTUBE_CHANNEL, text)
    if _SPOTIFY_ID.fullmatch(text):
        return _SPOTIFY_AMBIGUOUS
    if _HANDLE.fullmatch(text):
        return _HANDLE_LINK
    return None


def _fma_number(text: str) -> LinkId | None:
    """An FMA track id; leading zeros are dropped because the audio files are zero-padded."""
    if not _DIGITS.fullmatch(text):
        return None
    return _make(IdKind.FMA_TRACK, text.lstrip("0"))


def _spotify_uri(text: str) -> _Parsed:
    """spotify:track:ID, spotify:artist:ID; spotify:user:NAME:playlist:ID is a playlist."""
    parts = text.split(":")
    kind = parts[1].lower() if len(parts) > 1 else ""
    if kind == "user" and len(parts) > 3 and parts[3].lower() == "playlist":
        return _SPOTIFY_COLLECTIONS["playlist"]
    if len(parts) != 3:
        return None
    if kind == "track":
        return _make(IdKind.SPOTIFY_TRACK, parts[2])
    if kind == "artist":
        return _make(IdKind.SPOTIFY_ARTIST, parts[2])
    return _SPOTIFY_COLLECTIONS.get(kind)


def _url(text: str) -> _Parsed:
    """A web link, with or without its scheme; only http(s) on hosts we know exactly."""
    if text.startswith("//"):
        text = "https:" + text
    elif not _SCHEME_AND_SLASHES.match(text):
        if _SCHEME.match(text):  # javascript:, mailto:, data:…
            return None
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # a malformed [IPv6] host
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return None
    host = (parts.hostname or "").removesuffix(".")
    segments = [unquote(part) for part in parts.path.split("/") if part]
    if host in _YOUTUBE_HOSTS:
        return _youtube(host, segments, _query(parts.query))
    if host in _YOUTU_BE_HOSTS:
        return _make(IdKind.YOUTUBE_VIDEO, segments[0]) if len(segments) == 1 else None
    if host in _SPOTIFY_HOSTS:
        return _spotify(segments)
    if host in _SPOTIFY_SHORT_HOSTS:
        return _SPOTIFY_SHORT if segments else None
    if host in _FMA_HOSTS:
        return _fma(segments)
    return None


def _query(query: str) -> dict[str, str]:
    """The first value of each parameter, percent-decoded; parameters come in any order."""
    first: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        first.setdefault(key.lower(), value)
    return first


def _youtube(host: str, segments: list[str], query: dict[str, str]) -> _Parsed:
    """youtube.com, m., music. and youtube-nocookie.com: videos, channels, and what is not."""
    if not segments:
        return None
    route = segments[0].lower()
    if route == "watch":
        if "v" in query:  # a bad v= is a bad video id, even beside a playlist
            return _make(IdKind.YOUTUBE_VIDEO, query["v"])
        return _PLAYLIST if query.get("list") else None
    if route in _VIDEO_ROUTES:
        if len(segments) < 2:
            return None
        if route == "embed" and segments[1] == "videoseries":
            return _PLAYLIST if query.get("list") else None
        return _make(IdKind.YOUTUBE_VIDEO, segments[1])
    if route == "channel" or (route == "browse" and segments[1:2] and segments[1][:2] == "UC"):
        return _make(IdKind.YOUTUBE_CHANNEL, segments[1]) if len(segments) > 1 else None
    if route == "browse" and host == "music.youtube.com" and len(segments) > 1:
        return _MUSIC_ALBUM if segments[1].startswith("MPREb_") else None
    if route == "playlist":
        return _PLAYLIST if query.get("list") else None
    if route == "results":
        return _SEARCH if query.get("search_query") or query.get("q") else None
    if _HANDLE.fullmatch(segments[0]):
        return _HANDLE_LINK
    if route in ("c", "user"):
        return (_CUSTOM_LINK if route == "c" else _USER_LINK) if len(segments) > 1 else None
    if len(segments) == 1 and route not in _YOUTUBE_RESERVED and _VANITY.fullmatch(route):
        return _CUSTOM_LINK
    return None


def _spotify(segments: list[str]) -> _Parsed:
    """open.spotify.com/[intl-xx/][embed/]track|artist/ID, and the collections we cannot open."""
    if segments and _SPOTIFY_LOCALE.fullmatch(segments[0].lower()):
        segments = segments[1:]
    if segments and segments[0].lower() == "embed":
        segments = segments[1:]
    if len(segments) < 2:
        return None
    kind = segments[0].lower()
    if kind == "track" and len(segments) == 2:
        return _make(IdKind.SPOTIFY_TRACK, segments[1])
    if kind == "artist":  # may go on: /artist/ID/discography/all
        return _make(IdKind.SPOTIFY_ARTIST, segments[1])
    if kind == "user" and len(segments) >= 4 and segments[2].lower() == "playlist":
        return _SPOTIFY_COLLECTIONS["playlist"]
    return _SPOTIFY_COLLECTIONS.get(kind)


def _fma(segments: list[str]) -> _Parsed:
    """freemusicarchive.org/music/Artist/Album/Track: the page path is the FMA_TRACK id."""
    if segments and segments[0].lower() == "track":
        return _FMA_TRACK_SLUG if len(segments) > 1 else None
    if not segments or segments[0].lower() != "music":
        return None
    page = segments[1:]
    if len(page) == 3:
        return _make(IdKind.FMA_TRACK, "/".join(page))
    if len(page) == 2:
        return _FMA_ALBUM
    if len(page) == 1:
        return _FMA_ARTIST
    return None
