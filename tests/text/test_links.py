"""Pasted links and ids: every accepted form, what cannot be resolved offline, and rejects."""

from __future__ import annotations

import pytest

from bot.text.links import (
    MAX_INPUT_CHARS,
    IdKind,
    LinkId,
    Unresolvable,
    parse_link,
    video_id_in,
)

VIDEO = "dQw4w9WgXcQ"
DASHED = "a-b_c-d_e-F"  # - and _ are id characters, never trailing punctuation
CHANNEL = "UCuAXFkgsw1L7xaCfnd5JJOw"
TRACK = "4uLU6hMCjMI75M1A2tKUQC"
ARTIST = "0OdUWJ0sBjDrqHygGUXeCF"
FMA_PAGE = "AWOL/AWOL_-_A_Way_Of_Life/Food"
PLAYLIST = "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"
YT = "https://www.youtube.com"
SP = "https://open.spotify.com"
FMA = "https://freemusicarchive.org"


def video(value: str = VIDEO) -> LinkId:
    return LinkId(IdKind.YOUTUBE_VIDEO, value)


def channel(value: str = CHANNEL) -> LinkId:
    return LinkId(IdKind.YOUTUBE_CHANNEL, value)


def track(value: str = TRACK) -> LinkId:
    return LinkId(IdKind.SPOTIFY_TRACK, value)


def artist(value: str = ARTIST) -> LinkId:
    return LinkId(IdKind.SPOTIFY_ARTIST, value)


def fma(value: str) -> LinkId:
    return LinkId(IdKind.FMA_TRACK, value)


ACCEPTED = [
    # YouTube watch links, parameters in any order
    ("watch", f"{YT}/watch?v={VIDEO}", video()),
    ("watch-t", f"{YT}/watch?v={VIDEO}&t=42s", video()),
    ("watch-list-index", f"{YT}/watch?v={VIDEO}&list={PLAYLIST}&index=3", video()),
    ("watch-v-not-first", f"{YT}/watch?feature=share&si=AbC123&v={VIDEO}", video()),
    ("watch-pp", f"{YT}/watch?pp=ygUEcmljaw%3D%3D&v={VIDEO}&ab_channel=Rick", video()),
    ("watch-list-before-v", f"youtube.com/watch?list=RD{VIDEO}&v={VIDEO}&start_radio=1", video()),
    ("watch-fragment", f"{YT}/watch?v={VIDEO}#t=30", video()),
    ("watch-encoded-v", f"{YT}/watch?v=a%2Db_c-d_e-F", video(DASHED)),
    ("watch-html-escaped", f"{YT}/watch?v={VIDEO}&amp;feature=youtu.be", video()),
    ("watch-dashed", f"{YT}/watch?v={DASHED}", video(DASHED)),
    ("mobile", f"https://m.youtube.com/watch?v={VIDEO}&feature=share", video()),
    ("music-watch", f"https://music.youtube.com/watch?v={VIDEO}&si=xyz", video()),
    ("no-scheme", f"youtube.com/watch?v={VIDEO}", video()),
    ("no-scheme-www", f"www.youtube.com/watch?v={VIDEO}", video()),
    ("no-scheme-url-in-query", f"youtube.com/watch?v={VIDEO}&ref=https://x.example", video()),
    ("protocol-relative", f"//www.youtube.com/watch?v={VIDEO}", video()),
    ("http", f"http://www.youtube.com/watch?v={VIDEO}", video()),
    ("mixed-case-host", f"HTTPS://WWW.YouTube.COM/watch?v={VIDEO}", video()),
    ("host-trailing-dot", f"https://www.youtube.com./watch?v={VIDEO}", video()),
    ("youtu.be", f"https://youtu.be/{VIDEO}", video()),
    ("youtu.be-si-t", f"https://youtu.be/{VIDEO}?si=Ab12Cd34&t=15", video()),
    ("youtu.be-no-scheme", f"youtu.be/{VIDEO}", video()),
    ("youtu.be-trailing-slash", f"https://youtu.be/{VIDEO}/", video()),
    ("shorts", f"{YT}/shorts/{VIDEO}?feature=share", video()),
    ("embed", f"{YT}/embed/{VIDEO}?start=10", video()),
    ("live", f"{YT}/live/{VIDEO}?si=abc", video()),
    ("v-path", f"{YT}/v/{VIDEO}", video()),
    ("nocookie-embed", f"https://www.youtube-nocookie.com/embed/{VIDEO}", video()),
    # YouTube channels
    ("channel", f"{YT}/channel/{CHANNEL}", channel()),
    ("channel-videos", f"{YT}/channel/{CHANNEL}/videos", channel()),
    ("channel-si", f"https://youtube.com/channel/{CHANNEL}?si=abcDEF", channel()),
    ("music-channel", f"https://music.youtube.com/channel/{CHANNEL}", channel()),
    ("music-channel-si", f"https://music.youtube.com/channel/{CHANNEL}?si=q1w2e3", channel()),
    ("music-browse-channel", f"https://music.youtube.com/browse/{CHANNEL}", channel()),
    ("mobile-channel", f"m.youtube.com/channel/{CHANNEL}/featured", channel()),
    # Spotify
    ("spotify-track", f"{SP}/track/{TRACK}", track()),
    ("spotify-track-si", f"{SP}/track/{TRACK}?si=a1b2c3d4e5f64789", track()),
    ("spotify-intl-de", f"{SP}/intl-de/track/{TRACK}?si=x", track()),
    ("spotify-intl-pt", f"{SP}/intl-pt/track/{TRACK}", track()),
    ("spotify-embed", f"{SP}/embed/track/{TRACK}", track()),
    ("spotify-artist", f"{SP}/artist/{ARTIST}", artist()),
    ("spotify-artist-intl-si", f"open.spotify.com/intl-fr/artist/{ARTIST}?si=zz", artist()),
    ("spotify-artist-discography", f"{SP}/artist/{ARTIST}/discography/all", artist()),
    ("spotify-uri-track", f"spotify:track:{TRACK}", track()),
    ("spotify-uri-artist", f"spotify:artist:{ARTIST}", artist()),
    ("spotify-uri-mixed-case", f"Spotify:Track:{TRACK}", track()),
    # FMA
    ("fma-page", f"http://freemusicarchive.org/music/{FMA_PAGE}", fma(FMA_PAGE)),
    ("fma-page-https-slash", f"{FMA}/music/{FMA_PAGE}/", fma(FMA_PAGE)),
    ("fma-page-www-query", f"https://www.freemusicarchive.org/music/{FMA_PAGE}?x=1", fma(FMA_PAGE)),
    ("fma-page-encoded", f"{FMA}/music/Bj%C3%B6rk/Album/Song", fma("Björk/Album/Song")),
    ("fma-prefix", "fma:2", fma("2")),
    ("fma-prefix-upper", "FMA:146720", fma("146720")),
    ("fma-digits", "146720", fma("146720")),
    ("fma-zero-padded", "000002", fma("2")),
    # bare ids
    ("bare-video", VIDEO, video()),
    ("bare-video-dashed", DASHED, video(DASHED)),
    ("bare-video-eleven-digits", "12345678901", video("12345678901")),
    ("bare-channel", CHANNEL, channel()),
    # what surrounds a paste
    ("whitespace", f"  \t{VIDEO}\n", video()),
    ("discord-brackets", f"<https://youtu.be/{VIDEO}>", video()),
    ("sentence-period", f"{YT}/watch?v={VIDEO}.", video()),
    ("sentence-comma", f"https://youtu.be/{VIDEO},", video()),
    ("parenthesised", f"(https://youtu.be/{VIDEO})", video()),
    ("quoted-dashed", f"“{DASHED}”.", video(DASHED)),
    ("backticks", f"`spotify:track:{TRACK}`", track()),
    ("zero-width", f"\u200bhttps://youtu.be/{VIDEO}\ufeff", video()),
]


@pytest.mark.parametrize(("text", "expected"),
                         [pytest.param(text, want, id=name) for name, text, want in ACCEPTED])
def test_every_pasted_form_gives_the_published_id(text: str, expected: LinkId) -> None:
    assert parse_link(text) == expected


UNRESOLVABLE = [
    ("handle", f"{YT}/@Radiohead", ["@handle", "Copy channel ID", "videos"]),
    ("handle-videos", "youtube.com/@radiohead/videos?si=1", ["@handle", "offline"]),
    ("handle-bare", "@Radiohead", ["@handle"]),
    ("custom-c", f"{YT}/c/Radiohead", ["custom channel address", "UC"]),
    ("custom-bare-name", f"{YT}/radiohead", ["custom channel address"]),
    ("user", f"{YT}/user/radiohead", ["/user/", "Copy channel ID"]),
    ("playlist-watch", f"{YT}/watch?list={PLAYLIST}",
     ["playlist", "watch?v="]),
    ("playlist-page", f"{YT}/playlist?list={PLAYLIST}",
     ["playlist"]),
    ("playlist-embed", f"{YT}/embed/videoseries?list=PLx0sYbC", ["playlist"]),
    ("music-playlist", "https://music.youtube.com/playlist?list=OLAK5uy_abc", ["playlist"]),
    ("music-album", "https://music.youtube.com/browse/MPREb_abc123", ["album", "songs"]),
    ("search", f"{YT}/results?search_query=radiohead+creep", ["search"]),
    ("spotify-album", f"{SP}/album/{TRACK}", ["album", "open.spotify.com/track/"]),
    ("spotify-album-intl", f"{SP}/intl-de/album/{TRACK}?si=1", ["album"]),
    ("spotify-playlist", f"{SP}/playlist/{TRACK}", ["playlist"]),
    ("spotify-show", f"{SP}/show/{TRACK}", ["show"]),
    ("spotify-episode", f"{SP}/episode/{TRACK}", ["episode"]),
    ("spotify-user-playlist", f"{SP}/user/someone/playlist/{TRACK}", ["playlist"]),
    ("spotify-uri-album", f"spotify:album:{TRACK}", ["album"]),
    ("spotify-uri-playlist", f"spotify:playlist:{TRACK}", ["playlist"]),
    ("spotify-uri-user-playlist", f"spotify:user:someone:playlist:{TRACK}", ["playlist"]),
    ("spotify-short", "https://spotify.link/AbCdEf123", ["short link", "open.spotify.com"]),
    ("spotify-bare-id", TRACK, ["track or an artist", "open.spotify.com/artist/"]),
    ("fma-album", f"{FMA}/music/AWOL/AWOL_-_A_Way_Of_Life/", ["album page"]),
    ("fma-artist", f"{FMA}/music/AWOL", ["artist page"]),
    ("fma-track-slug", f"{FMA}/track/food/", ["/track/", "Artist/Album/Track"]),
]


@pytest.mark.parametrize(("text", "words"),
                         [pytest.param(text, words, id=name) for name, text, words in UNRESOLVABLE])
def test_what_cannot_be_resolved_offline_gets_one_sentence(text: str, words: list[str]) -> None:
    found = parse_link(text)
    assert isinstance(found, Unresolvable)
    for word in words:
        assert word in found.sentence
    assert found.sentence.endswith(".")
    assert found.sentence.count(". ") == 0  # one sentence


REJECTED = [
    ("empty", ""),
    ("blank", "   "),
    ("plain-words", "Radiohead Creep"),
    ("one-word", "Radiohead"),
    ("video-too-short", "https://youtu.be/dQw4w9WgXc"),
    ("video-too-long", f"{YT}/watch?v={VIDEO}X"),
    ("video-bad-alphabet", f"{YT}/watch?v=dQw4w9WgX!Q"),
    ("video-empty-v", f"{YT}/watch?v="),
    ("video-bad-v-beside-list", f"{YT}/watch?v=short&list=PLx0sYbC"),
    ("bare-video-wrong-length", "dQw4w9WgXcQQ"),
    ("channel-without-uc", f"{YT}/channel/XXuAXFkgsw1L7xaCfnd5JJOw"),
    ("channel-too-short", f"{YT}/channel/UCuAXFkgsw1L7xaCfnd5JJO"),
    ("channel-missing", f"{YT}/channel/"),
    ("bare-channel-too-long", CHANNEL + "A"),
    ("spotify-bad-alphabet", f"{SP}/track/4uLU6hMCjMI75M1A2tKU-C"),
    ("spotify-too-short", f"{SP}/track/4uLU6hMCjMI75M1A2tKUQ"),
    ("spotify-uri-bad-id", "spotify:artist:0OdUWJ0sBjDrqHygGUXeC_"),
    ("spotify-uri-unknown", f"spotify:local:{TRACK}"),
    ("spotify-uri-extra", f"spotify:track:{TRACK}:extra"),
    ("spotify-home", f"{SP}/"),
    ("look-alike-suffix", f"https://youtube.com.evil.example/watch?v={VIDEO}"),
    ("look-alike-prefix", f"https://notyoutube.com/watch?v={VIDEO}"),
    ("look-alike-userinfo", f"https://youtube.com@evil.example/watch?v={VIDEO}"),
    ("userinfo", f"https://someone@youtube.com/watch?v={VIDEO}"),
    ("javascript", f"javascript:alert('https://youtu.be/{VIDEO}')"),
    ("javascript-no-slash", "javascript:alert(1)"),
    ("ftp", f"ftp://youtube.com/watch?v={VIDEO}"),
    ("mailto", "mailto:someone@youtube.com"),
    ("youtube-home", f"{YT}/"),
    ("youtube-feed", f"{YT}/feed/subscriptions"),
    ("youtube-reserved-page", f"{YT}/premium"),
    ("bad-ipv6", "https://[::1/watch?v=x"),
    ("space-inside", f"https://youtu.be/{VIDEO} please"),
    ("fma-zero", "fma:0"),
    ("fma-not-digits", "fma:abc"),
    ("fma-too-many-digits", "1234567890"),
    ("fma-files-host", "https://files.freemusicarchive.org/storage-freemusicarchive-org/music/a.mp3"),
    ("fma-too-deep", f"{FMA}/music/A/B/C/D"),
    ("fma-encoded-slash", f"{FMA}/music/A/B/C%2FD"),
    ("other-host", "https://soundcloud.com/artist/track"),
    ("full-width-id", "ｄQw4w9WgXcQ"),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in REJECTED])
def test_what_is_not_a_link_we_know_is_none(text: str) -> None:
    assert parse_link(text) is None


@pytest.mark.parametrize(
    "link",
    [pytest.param(video(), id="youtube-video"), pytest.param(video(DASHED), id="youtube-dashed"),
     pytest.param(channel(), id="youtube-channel"), pytest.param(track(), id="spotify-track"),
     pytest.param(artist(), id="spotify-artist"), pytest.param(fma(FMA_PAGE), id="fma-page"),
     pytest.param(fma("Björk/A B/Song?"), id="fma-page-needing-escapes")],
)
def test_the_canonical_url_parses_back_to_the_same_id(link: LinkId) -> None:
    assert link.url is not None
    assert parse_link(link.url) == link


def test_canonical_urls_are_the_pages_people_know() -> None:
    assert video().url == f"{YT}/watch?v={VIDEO}"
    assert channel().url == f"{YT}/channel/{CHANNEL}"
    assert track().url == f"{SP}/track/{TRACK}"
    assert artist().url == f"{SP}/artist/{ARTIST}"
    assert fma(FMA_PAGE).url == f"{FMA}/music/{FMA_PAGE}"


def test_an_fma_number_has_no_page_offline() -> None:
    assert fma("146720").url is None


def test_kinds_are_the_json_link_types_with_labels() -> None:
    assert [str(kind) for kind in IdKind] == [
        "youtube_video", "youtube_channel", "spotify_track", "spotify_artist", "fma_track"]
    assert [kind.label for kind in IdKind] == [
        "YouTube video", "YouTube Music channel", "Spotify track", "Spotify artist", "FMA track"]


@pytest.mark.parametrize(
    ("kind", "value"),
    [pytest.param(IdKind.YOUTUBE_VIDEO, "short", id="video"),
     pytest.param(IdKind.YOUTUBE_CHANNEL, VIDEO, id="channel"),
     pytest.param(IdKind.SPOTIFY_TRACK, VIDEO, id="spotify"),
     pytest.param(IdKind.FMA_TRACK, "0123", id="fma-leading-zero"),
     pytest.param(IdKind.FMA_TRACK, "A/B", id="fma-short-path")],
)
def test_a_malformed_id_cannot_be_built(kind: IdKind, value: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        LinkId(kind, value)


def test_junk_of_the_size_limit_returns_none() -> None:
    shapes = [
        "a" * MAX_INPUT_CHARS,
        "https://youtube.com/watch?" + "v=&" * 600,
        f"{FMA}/music/" + "a/" * 900,
        "<" * 1000 + ">" * 1000,
        "spotify:" + ":" * 1990,
        f"https://youtu.be/{VIDEO}" + "." * (MAX_INPUT_CHARS + 1),
    ]
    for junk in shapes:  # bounded patterns only: no timing here, bench/ measures speed
        assert parse_link(junk) is None


def test_input_over_the_limit_is_refused_even_when_it_holds_a_link() -> None:
    padded = " " * MAX_INPUT_CHARS + VIDEO
    assert parse_link(padded) is None
    assert parse_link(" " * (MAX_INPUT_CHARS - len(VIDEO)) + VIDEO) == video()


@pytest.mark.parametrize(
    ("url", "expected"),
    [pytest.param(f"{YT}/watch?v={VIDEO}", VIDEO, id="disco-10m-form"),
     pytest.param(f"https://youtu.be/{DASHED}", DASHED, id="short-link"),
     pytest.param(VIDEO, VIDEO, id="bare-id"),
     pytest.param(f"{YT}/watch?v=dQw4w9WgX!Q", None, id="bad-id-fast-path"),
     pytest.param(f"{YT}/channel/{CHANNEL}", None, id="channel"),
     pytest.param(f"{SP}/track/{TRACK}", None, id="spotify"),
     pytest.param("", None, id="empty")],
)
def test_video_id_in_reads_only_video_links(url: str, expected: str | None) -> None:
    assert video_id_in(url) == expected
