"""Every reader against files in the dataset's real layout, malformed rows included."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bot.datasets.formats import reader_for
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, SkippedRow
from bot.errors import SourceError
from bot.text.links import IdKind, LinkId


def read(path: Path, fmt: str, **spec: Any) -> tuple[list[RawTrack], list[SkippedRow]]:
    source = SourceSpec(path=path.name, format=fmt, **spec)
    items = list(reader_for(source)(path, source))
    tracks = [i for i in items if isinstance(i, RawTrack)]
    skipped = [i for i in items if isinstance(i, SkippedRow)]
    return tracks, skipped


FMA_TRACKS = (
    ",album,album,album,artist,artist,set,set,track,track,track\n"
    ",comments,title,tracks,id,name,split,subset,genre_top,title,listens\n"
    "track_id,,,,,,,,,,\n"
    "2,0,AWOL - A Way Of Life,7,1,AWOL,training,small,Hip-Hop,Food,1293\n"
    '3,0,"Album, with comma",7,1,AWOL,training,medium,Hip-Hop,"Electric ""Ave""",514\n'
    '5,0,"Two\nline album",2,6,"Kurt Vile, The Violators",test,large,Rock,"Line one\nline two",3\n'
    "10,0,Broken,1,2,Short row\n"
    "11,0,No title,1,3,Björk Sólveig,training,small,Pop,,9\n"
    "12,0,Беги,1,4,Белые Ночи,training,small,Rock,Ночь,5\n"
)


def test_fma_tracks_three_row_header_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "tracks.csv"
    path.write_text(FMA_TRACKS, encoding="utf-8")
    tracks, skipped = read(path, "fma-tracks")
    assert [t.title for t in tracks] == ["Food", 'Electric "Ave"', "Line one\nline two", "Ночь"]
    assert tracks[0].artists == ("AWOL",) and tracks[0].album == "AWOL - A Way Of Life"
    assert tracks[0].source_id == "2"
    assert tracks[2].artists == ("Kurt Vile, The Violators",)
    assert tracks[2].album == "Two\nline album"
    # Track 5's record spans lines 6-8 (two quoted newlines): the short row is on line 9.
    assert [(s.location, s.reason) for s in skipped] == [
        (9, "expected 11 fields, found 6"),
        (10, "missing title"),
    ]


def test_fma_tracks_without_the_index_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tracks.csv"
    path.write_text("track_id,title,artist\n1,a,b\n2,c,d\n", encoding="utf-8")
    with pytest.raises(SourceError, match="three header rows"):
        read(path, "fma-tracks")


def test_fma_raw_tracks_flat_with_links(tmp_path: Path) -> None:
    path = tmp_path / "raw_tracks.csv"
    path.write_text(
        "track_id,album_id,album_title,artist_id,artist_name,track_title,track_url\n"
        "2,1,AWOL - A Way Of Life,1,AWOL,Food,"
        "http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food\n"
        "3,1,x,1,AWOL feat. Nobody,\"Quoted, title\",\n",
        encoding="utf-8",
    )
    tracks, skipped = read(path, "fma-raw-tracks")
    assert not skipped
    # Published over http (the 2017 dump); FMA's pages are served over https (issue 14).
    assert tracks[0].url == "https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food"
    assert tracks[0].ids == (LinkId(IdKind.FMA_TRACK, "2"),
                             LinkId(IdKind.FMA_TRACK, "AWOL/AWOL_-_A_Way_Of_Life/Food"))
    assert tracks[1] == RawTrack("Quoted, title", ("AWOL feat. Nobody",), "x", None, "3",
                                 ids=(LinkId(IdKind.FMA_TRACK, "3"),))


def laion_table(rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema([
        ("song_id", pa.string()), ("title", pa.string()),
        ("artist_names", pa.list_(pa.string())), ("artist_ids", pa.list_(pa.string())),
        ("album_name", pa.string()), ("album_id", pa.string()), ("isExplicit", pa.bool_()),
        ("views", pa.string()), ("duration", pa.int64()),
    ])
    full = [{"artist_ids": [], "album_id": "A", "isExplicit": False, "views": "10",
             "duration": 200, **row} for row in rows]
    return pa.Table.from_pylist(full, schema=schema)


def test_laion_disco_parquet_list_columns_and_youtube_links(tmp_path: Path) -> None:
    path = tmp_path / "train-00000-of-00005.parquet"
    pq.write_table(laion_table([
        {"song_id": "dQw4w9WgXcQ", "title": "Song A", "artist_names": ["Ana", "Bo & Cy"],
         "album_name": "Alb"},
        {"song_id": "abcdefghijk", "title": None, "artist_names": ["Ana"], "album_name": None},
        {"song_id": "bbbbbbbbbbb", "title": "No one", "artist_names": [], "album_name": None},
        {"song_id": "ccccccccccc", "title": "Topic", "artist_names": ["Ana - Topic"],
         "album_name": None},
    ]), path, row_group_size=2)
    tracks, skipped = read(path, "laion-disco")
    assert tracks[0] == RawTrack(
        "Song A", ("Ana", "Bo & Cy"), "Alb", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "dQw4w9WgXcQ", ids=(LinkId(IdKind.YOUTUBE_VIDEO, "dQw4w9WgXcQ"),),
    )
    assert tracks[1].artists == ("Ana - Topic",)  # the indexer strips " - Topic"
    assert [(s.location, s.reason) for s in skipped] == [
        (2, "missing title"), (3, "no artist credited"),
    ]


def test_disco_10m_parquet_single_artist_and_youtube_url(tmp_path: Path) -> None:
    path = tmp_path / "disco.parquet"
    pq.write_table(pa.table({
        "video_url_youtube": ["https://www.youtube.com/watch?v=x1", None],
        "video_title_youtube": ["Artist - Song (Official Video)", "t"],
        "track_name_spotify": ["Song", "Other"],
        "primary_artist_name_spotify": ["Artist", "Someone"],
        "track_id_spotify": ["4uLU6hMCjMI75M1A2tKUQC", "0000000000000000000000"],
        "similarity_audio": [0.9, 0.1],
    }), path)
    tracks, skipped = read(path, "disco-10m")
    assert not skipped
    assert tracks[0].url == "https://www.youtube.com/watch?v=x1"
    assert tracks[1].url == "https://open.spotify.com/track/0000000000000000000000"


def test_sleeping_disco_jsonl_broken_lines_are_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"title": "Alpha", "artist": "Ash & Ember", "album": "X",
                    "youtube_url": "https://www.youtube.com/watch?v=aaaaaaaaaaa"}).encode(),
        b'{"title": "Broken", "artist": ',
        b"",
        "{\"title\": \"Bad \xff bytes\"}".encode("latin-1"),
        b"[1, 2]",
        json.dumps({"artist": "No Title"}).encode(),
        json.dumps({"song_title": "Beta", "artist_name": "Juniper", "video_id": "bbbbbbbbbbb"})
        .encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    tracks, skipped = read(path, "sleeping-disco")
    assert [t.title for t in tracks] == ["Alpha", "Beta"]
    assert tracks[1].url == "https://www.youtube.com/watch?v=bbbbbbbbbbb"
    assert [s.location for s in skipped] == [2, 4, 5, 6]
    assert skipped[0].reason.startswith("malformed JSON")
    assert skipped[1].reason == "invalid UTF-8"
    assert skipped[2].reason == "not a JSON object"


def test_sleeping_disco_mapping_is_overridable(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"name_of_song": "Gamma", "who": ["A", "B"]}) + "\n")
    tracks, _ = read(path, "sleeping-disco", columns={"title": "name_of_song", "artists": "who"})
    assert tracks == [RawTrack("Gamma", ("A", "B"))]


def test_generic_csv_quoted_newlines_nul_bytes_and_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "songs.csv"
    path.write_bytes(
        b"name,by,link\n"
        b'"Multi\nline",Ana,https://example.org/1\n'
        b"Nul\x00led,Bo,\n"
        b"Bad \xff title,Cy,\n"
        b"Too,many,fields,here\n"
    )
    tracks, skipped = read(path, "csv", columns={"title": "name", "artists": "by", "url": "link"})
    assert [t.title for t in tracks] == ["Multi\nline", "Nulled"]
    assert [(s.location, s.reason) for s in skipped] == [
        (5, "title: invalid UTF-8"),
        (6, "expected 3 fields, found 4"),
    ]


def test_generic_tsv_with_artist_separator_and_url_template(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_text("t\ta\tid\nSong\tAna;Bo;\tX1\n", encoding="utf-8")
    tracks, _ = read(path, "tsv", columns={"title": "t", "artists": "a", "id": "id"},
                     artist_separator=";", url_template="https://example.org/t/{id}")
    assert tracks == [RawTrack("Song", ("Ana", "Bo"), None, "https://example.org/t/X1", "X1")]


def test_generic_jsonl_dotted_paths_into_nested_objects(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"song": {"name": "Nested"}, "artist": {"name": "Deep"}}) + "\n")
    tracks, _ = read(path, "jsonl", columns={"title": "song.name", "artists": "artist.name"})
    assert tracks == [RawTrack("Nested", ("Deep",))]


def test_generic_parquet_wrong_column_types_are_counted_skips(tmp_path: Path) -> None:
    path = tmp_path / "g.parquet"
    pq.write_table(pa.table({"t": [1.5, 2.0], "a": [["Ana"], ["Bo"]], "flag": [True, False]}),
                   path)
    tracks, skipped = read(path, "parquet", columns={"title": "t", "artists": "a", "album": "flag"})
    assert tracks == [] and [s.reason for s in skipped] == ["album: expected text, found True",
                                                             "album: expected text, found False"]


def test_missing_column_names_the_file_and_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "songs.csv"
    path.write_text("title,singer\nA,B\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"songs.csv: no artists column 'artist'.*title, singer"):
        read(path, "csv", columns={"title": "title", "artists": "artist"})


def test_empty_csv_and_truncated_parquet_are_clear_source_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(SourceError, match="empty file"):
        read(empty, "csv", columns={"title": "t", "artists": "a"})
    good = tmp_path / "good.parquet"
    pq.write_table(laion_table([{"song_id": "x", "title": "t", "artist_names": ["a"],
                                 "album_name": None}]), good)
    truncated = tmp_path / "truncated.parquet"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(SourceError, match=r"truncated\.parquet: not a readable parquet file"):
        read(truncated, "laion-disco")


def test_links_that_are_not_web_links_are_not_kept_as_links(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("t,a,u\nSong,Ana,javascript:alert(1)\n", encoding="utf-8")
    tracks, _ = read(path, "csv", columns={"title": "t", "artists": "a", "url": "u"})
    # The reader passes the text on; the indexer keeps only http(s) links (test_build).
    assert tracks[0].url == "javascript:alert(1)"


# --- a byte-order mark, UTF-16, invisible characters in column names --------------------------

BOM = "\ufeff"


@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_a_byte_order_mark_is_not_part_of_the_first_column_name(
    tmp_path: Path, fmt: str, sep: str
) -> None:
    path = tmp_path / f"excel.{fmt}"
    path.write_text(f"{BOM}title{sep}artist\nSong{sep}Ana\n", encoding="utf-8")
    tracks, skipped = read(path, fmt, columns={"title": "title", "artists": "artist"})
    assert (tracks, skipped) == ([RawTrack("Song", ("Ana",))], [])


def test_fma_raw_tracks_with_a_byte_order_mark_keeps_its_first_column(tmp_path: Path) -> None:
    path = tmp_path / "raw_tracks.csv"
    path.write_text(f"{BOM}track_id,artist_name,track_title\n2,AWOL,Food\n", encoding="utf-8")
    tracks, _ = read(path, "fma-raw-tracks")
    assert tracks[0].source_id == "2"


def test_fma_tracks_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "tracks.csv"
    path.write_text(BOM + FMA_TRACKS, encoding="utf-8")
    tracks, _ = read(path, "fma-tracks")
    assert tracks[0].title == "Food" and tracks[0].source_id == "2"


def test_a_byte_order_mark_on_a_jsonl_first_line_read_whole_and_in_parts(tmp_path: Path) -> None:
    """Only the file's first bytes are a mark; a part starting later is read as it is, and a
    mark left mid-file by joining two files is that line's counted skip, either way."""
    from bot.datasets.formats.parts import jsonl_parts

    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"title": f"Song {i}", "artist": "Ana"}) for i in range(400)]
    lines[250] = BOM + lines[250]
    path.write_text(BOM + "\n".join(lines) + "\n", encoding="utf-8")
    whole, whole_skipped = read(path, "sleeping-disco")
    assert len(whole) == 399 and whole[0].title == "Song 0"
    assert [(s.location, s.reason) for s in whole_skipped] == [
        (251, "malformed JSON (Unexpected UTF-8 BOM (decode using utf-8-sig))")
    ]
    source = SourceSpec(path=path.name, format="sleeping-disco")
    parts = jsonl_parts(path, part_bytes=1000)
    assert parts is not None and len(parts) > 3
    in_parts = [item for part in parts for item in reader_for(source, part)(path, source)]
    assert in_parts == list(reader_for(source)(path, source))


@pytest.mark.parametrize(("fmt", "text", "codec"), [
    ("csv", "title,artist\nSöng,Ana\n", "utf-16"),  # with its byte-order mark, as Excel saves
    ("tsv", "title\tartist\nSong\tAna\n", "utf-16-be"),  # without one
    ("jsonl", '{"title": "Song", "artist": "Ana"}\n', "utf-16-le"),
])
def test_a_utf16_file_is_refused_in_one_line(
    tmp_path: Path, fmt: str, text: str, codec: str
) -> None:
    path = tmp_path / f"unicode.{fmt}"
    path.write_bytes(text.encode(codec))
    with pytest.raises(SourceError, match=rf"^unicode\.{fmt}: not UTF-8 \(looks like UTF-16\)"):
        read(path, fmt, columns={"title": "title", "artists": "artist"})


def test_a_file_of_nul_bytes_is_not_called_utf16(tmp_path: Path) -> None:
    path = tmp_path / "zeros.csv"
    path.write_bytes(b"\0" * 100)  # a download that was allocated but never written
    with pytest.raises(SourceError) as raised:
        read(path, "csv", columns={"title": "t", "artists": "a"})
    assert str(raised.value) == "zeros.csv: no title column 't' (columns: none)"


def test_a_missing_column_shows_invisible_characters_in_the_names_found(tmp_path: Path) -> None:
    path = tmp_path / "songs.csv"
    path.write_text("\u200btitle,artist \n,x\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read(path, "csv", columns={"title": "title", "artists": "artist"})
    # The trailing space is forgiven (artist was found); the zero-width space is shown.
    assert str(raised.value) == (
        "songs.csv: no title column 'title' (columns: '\\u200btitle', artist)"
    )
    table = tmp_path / "songs.parquet"
    pq.write_table(pa.table({"\ufefftitle": ["a"], "artist ": ["b"], "": ["c"]}), table)
    with pytest.raises(SourceError) as raised:
        read(table, "parquet", columns={"title": "title", "artists": "artist"})
    assert str(raised.value) == (
        "songs.parquet: no title column 'title' (columns: '\\ufefftitle', 'artist ', '')"
    )


# --- parquet columns of every type where text is expected ---------------------------------------

PARQUET_TITLES = [
    ("int64", pa.array([1999, None], pa.int64()), ["1999", "missing title"]),
    ("float64", pa.array([1.5, float("nan"), float("inf"), 2.0]),
     ["1.5", "missing title", "title: expected text, found inf", "2"]),
    ("decimal", pa.array([Decimal("1999.00"), Decimal("0.50")], pa.decimal128(10, 2)),
     ["1999", "0.50"]),
    ("decimal256", pa.array([Decimal("9" * 76)], pa.decimal256(76, 0)), ["9" * 76]),
    ("date", pa.array([datetime.date(2020, 1, 2)]), ["title: expected text, found date"]),
    ("date-out-of-range", pa.array([18000, 3_000_000], pa.date32()),
     ["title: expected text, found date",
      "title: unreadable value (OverflowError: date value out of range)"]),
    ("timestamp", pa.array([datetime.datetime(2020, 1, 2)], pa.timestamp("ms")),
     ["title: expected text, found datetime"]),
    ("timestamp-out-of-range", pa.array([0, 2**62], pa.timestamp("ms")),
     ["title: expected text, found datetime",
      "title: unreadable value (OverflowError: Python int too large to convert to C int)"]),
    ("binary", pa.array([b"Bin Song", b"\xff"], pa.binary()),
     ["Bin Song", "title: invalid UTF-8"]),
    ("large-string", pa.array(["Large"], pa.large_string()), ["Large"]),
    ("bool", pa.array([True]), ["title: expected text, found True"]),
    ("map", pa.array([[("k", "v")]], pa.map_(pa.string(), pa.string())),
     ["title: expected text, found list"]),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in PARQUET_TITLES],
                         ids=[c[0] for c in PARQUET_TITLES])
def test_parquet_title_of_any_type_is_text_or_a_counted_skip(
    tmp_path: Path, title: pa.Array, expected: list[str]
) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"t": title, "a": [["Ana"]] * len(title)}), path)
    source = SourceSpec(path=path.name, format="parquet", columns={"title": "t", "artists": "a"})
    items = list(reader_for(source)(path, source))
    assert [i.title if isinstance(i, RawTrack) else i.reason for i in items] == expected


PARQUET_ARTISTS = [
    ("list-int64-with-null", pa.array([[None, 7], [None]], pa.list_(pa.int64())),
     [("7",), "no artist credited"]),
    ("list-decimal256", pa.array([[Decimal(10**70)]], pa.list_(pa.decimal256(76, 0))),
     [("1" + "0" * 70,)]),
    ("list-date", pa.array([[datetime.date(2020, 1, 2)]]),
     ["artists: expected text, found date"]),
    ("list-of-lists", pa.array([[["Ana"]]]), ["artists: expected text, found list"]),
    ("int64", pa.array([42]), [("42",)]),
]


@pytest.mark.parametrize(("artists", "expected"), [c[1:] for c in PARQUET_ARTISTS],
                         ids=[c[0] for c in PARQUET_ARTISTS])
def test_laion_artist_names_of_any_type_are_text_or_a_counted_skip(
    tmp_path: Path, artists: pa.Array, expected: list[Any]
) -> None:
    path = tmp_path / "train-00000-of-00001.parquet"
    n = len(artists)
    pq.write_table(pa.table({"song_id": [f"v{i:010d}" for i in range(n)], "title": ["Song"] * n,
                             "artist_names": artists, "album_name": [None] * n}), path)
    source = SourceSpec(path=path.name, format="laion-disco")
    items = list(reader_for(source)(path, source))
    assert [i.artists if isinstance(i, RawTrack) else i.reason for i in items] == expected
