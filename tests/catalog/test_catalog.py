"""Catalog checks: reading uploads, judging rows against a real index, reports and exports."""

from __future__ import annotations

import codecs
import csv
import io
import json

import pytest
from helpers.workspace import Workspace

from bot.catalog import (
    Catalog,
    CatalogError,
    CatalogReport,
    check_catalog,
    export_csv,
    export_json,
    export_match,
    parse_catalog,
    report_csv,
    summary_text,
)
from bot.catalog import export as export_module
from bot.catalog.cells import safe_cell
from bot.catalog.check import Progress
from bot.errors import TrainedOnError
from bot.search.results import LookupResult
from bot.search.searcher import Searcher

LAION = (
    "title,artist,album,url,id\n"
    "Midnight Ferry,Velvet Lanterns,,https://yt.example/v1,vid001\n"
    "Midnight Ferry (Live),Velvet Lanterns,,https://yt.example/v2,vid002\n"
    "Jóga,Björk,Homogenic,https://yt.example/v3,vid003\n"
    "Summer Rain,Célestine Dubois,,https://yt.example/v4,vid004\n"
    "-Intro-,Velvet Lanterns,,https://yt.example/v5,vid005\n"
    "Paper Boats,Harbour Lights,,https://yt.example/v6,vid006\n"
)
FMA = (
    "title,artist,album,url,id\n"
    "Midnight Ferry,Velvet Lanterns,Ferries,https://fma.example/t/10,10\n"
    "Creep,Radiohead,Pablo Honey,https://fma.example/t/11,11\n"
    "Northern Lights,Aurora Fields,,https://fma.example/t/12,12\n"
)


def parse(text: str | bytes, max_rows: int = 100, name: str = "songs.csv") -> Catalog:
    return parse_catalog(text.encode("utf-8") if isinstance(text, str) else text, name, max_rows)


# --- files that cannot be read -----------------------------------------------------------------

BAD_FILES = [
    pytest.param("artist,title\nBjörk,Jóga\n".encode("utf-16-le"),
                 "songs.csv is not UTF-8 or UTF-16 text (UTF-16 needs a byte-order mark): "
                 "save it as UTF-8 and try again.", id="utf16-without-bom"),
    pytest.param(b"artist,title\nCaf\xe9 \x81\x8d,Song\n",
                 "songs.csv is not UTF-8 or UTF-16 text: save it as UTF-8 and try again.",
                 id="latin1-undecodable"),
    pytest.param(codecs.BOM_UTF8 + b"artist,title\n\xff\xfe\xfd,x\n",
                 "songs.csv is not UTF-8 or UTF-16 text: save it as UTF-8 and try again.",
                 id="bom-then-invalid-utf8"),
    pytest.param(b"foo,bar,baz\n1,2,3\n",
                 "songs.csv has no recognisable columns (found 'foo', 'bar', 'baz'; expected "
                 "artist and title (or song, track, performer, band…)), and its lines do not "
                 "read as 'Artist - Title'.", id="no-columns"),
    pytest.param(b"artist,title\n" + b"a,b\n" * 4,
                 "songs.csv has more than 3 songs, the most one check accepts: split it into "
                 "smaller files.", id="too-many-rows"),
    pytest.param(b"", "songs.csv is empty.", id="empty"),
    pytest.param(b"\n \r\n\t\n", "songs.csv is empty.", id="blank"),
    pytest.param(codecs.BOM_UTF8, "songs.csv is empty.", id="bom-only"),
    pytest.param(b"# my songs\n#\n",
                 "songs.csv has no songs: every line is blank or a # comment.", id="comments"),
    pytest.param(b"Artist;Title\n\n", "songs.csv has a header but no songs under it.",
                 id="header-only"),
    pytest.param(bytes(range(256)) * 4,
                 "songs.csv is a binary file, not a CSV or text list of songs.", id="nul-bytes"),
    pytest.param(b"\x01\x02\x03abc\x04\x05\x06" * 50,
                 "songs.csv is a binary file, not a CSV or text list of songs.", id="controls"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                 "songs.csv is a PNG image, not a CSV or text list of songs.", id="png"),
    pytest.param(b"PK\x03\x04\x14\x00",
                 "songs.csv is a ZIP archive (an Excel .xlsx? export it as CSV), not a CSV or "
                 "text list of songs.", id="xlsx"),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_bad_files_are_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse(data, max_rows=3)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


# --- files that can ----------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Artist,Title", "ARTISTS,Track", "Artist Name,Track Title", "performer,song",
    "Band,Name", "artist_name,song-title", "Artist Name(s),Track Name", " Künstler?,Song Title",
])
def test_header_synonyms(header: str) -> None:
    catalog = parse(f"{header}\nVelvet Lanterns,Midnight Ferry\n")
    row = catalog.rows[0]
    assert (row.artist, row.title, row.line, row.problem) == (
        "Velvet Lanterns", "Midnight Ferry", 2, None)
    assert catalog.notes() == []


def test_without_an_artist_column_titles_are_looked_up_alone() -> None:
    catalog = parse("Who?,Song Title\nVelvet Lanterns,Midnight Ferry\n")
    row = catalog.rows[0]
    assert (row.artist, row.title, row.problem) == ("", "Midnight Ferry", None)
    assert catalog.notes() == [
        "no artist column was recognised (columns: 'Who?', 'Song Title'), so songs are "
        "looked up by title alone"
    ]


def test_album_isrc_and_the_most_specific_column_win() -> None:
    catalog = parse("Name,Track Title,Performer,Release,ISRC Code\n"
                    "x,Jóga,Björk,Homogenic,is-abc-97-00001\n")
    row = catalog.rows[0]
    assert (row.artist, row.title, row.album, row.isrc) == (
        "Björk", "Jóga", "Homogenic", "ISABC9700001")
    assert catalog.columns == {"artist": "Performer", "title": "Track Title",
                               "album": "Release", "isrc": "ISRC Code"}


@pytest.mark.parametrize(("delimiter", "shown"), [(";", "';'"), ("\t", "tab"), ("|", "'|'")])
def test_other_delimiters_are_sniffed(delimiter: str, shown: str) -> None:
    text = delimiter.join(["Artist", "Title", "Album"]) + "\n"
    text += delimiter.join(["Céline, the band", "Song: one", "LP"]) + "\n"
    catalog = parse(text)
    assert catalog.format == "csv" and catalog.delimiter == delimiter
    assert (catalog.rows[0].artist, catalog.rows[0].title) == ("Céline, the band", "Song: one")
    assert catalog.describe() == f"CSV, {shown}-separated, UTF-8"


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF8 + "artist;title\nBjörk;Jóga\n".encode(), "UTF-8"),
    ("artist;title\nBjörk;Jóga\n".encode("utf-16"), "UTF-16"),
    (codecs.BOM_UTF16_BE + "artist;title\nBjörk;Jóga\n".encode("utf-16-be"), "UTF-16"),
    ("artist;title\nBjörk;Jóga\n".encode("cp1252"), "Windows-1252"),
])
def test_encodings(data: bytes, encoding: str) -> None:
    catalog = parse(data)
    assert catalog.encoding == encoding
    assert (catalog.rows[0].artist, catalog.rows[0].title) == ("Björk", "Jóga")


def test_quoted_cells_keep_line_numbers_and_bad_rows_are_kept() -> None:
    catalog = parse('artist,title\n"Velvet\nLanterns","Midnight, Ferry"\n\n,Orphan\nAlone,\n'
                    "Radiohead,Creep,extra\n")
    assert [(r.line, r.artist, r.title, r.problem) for r in catalog.rows] == [
        (2, "Velvet Lanterns", "Midnight, Ferry", None),
        (5, "", "Orphan", "no artist"),
        (6, "Alone", "", "no title"),
        (7, "Radiohead", "Creep", None),
    ]


def test_artist_dash_title_text() -> None:
    text = ("# my catalogue\n\nArtist - Title\nVelvet Lanterns - Midnight Ferry\n"
            "Björk – Jóga\nJay-Z — 99 Problems - Remix\njust a title\n  # indented note\n")
    catalog = parse(text, name="songs.txt")
    assert catalog.format == "text" and catalog.describe() == "'Artist - Title' list, UTF-8"
    assert [(r.line, r.artist, r.title, r.problem) for r in catalog.rows] == [
        (4, "Velvet Lanterns", "Midnight Ferry", None),
        (5, "Björk", "Jóga", None),
        (6, "Jay-Z", "99 Problems - Remix", None),
        (7, "", "just a title", "expected 'Artist - Title'"),
    ]


def test_row_limit_counts_songs_not_lines() -> None:
    assert len(parse("# note\n\nA - B\n\nC - D\n", max_rows=2).rows) == 2


# --- against a real index ----------------------------------------------------------------------

@pytest.fixture
def searcher(workspace: Workspace) -> Searcher:
    workspace.write_manifest([
        workspace.write_songs("laion", "laion.csv", LAION, name="LAION Test", version="v2.1"),
        workspace.write_songs("fma", "fma.csv", FMA, name="FMA Test"),
    ])
    workspace.build()
    return workspace.searcher()


CATALOG = (
    "artist,title\n"
    "Velvet Lanterns,Midnight Ferry\n"     # 2 found, in both datasets
    "Bjork,Joga\n"                         # 3 found without the accents
    "Radiohed,Creep\n"                     # 4 found despite the typo
    "velvet lanterns,midnight ferry\n"     # 5 the same song again: looked up once
    "Velvet Lanterns,Midnight Train\n"     # 6 uncertain: the artist's other song
    "Nobody Knows,Absent Song\n"           # 7 not found
    "Radiohead,Summer Rain\n"              # 8 not found: someone else's title
    ",Orphan Title\n"                      # 9 invalid
    "Velvet Lanterns,\n"                   # 10 invalid
    "Velvet Lanterns,-Intro-\n"            # 11 found; a title that looks like a formula
    '"=HYPERLINK(""http://x"")",@everyone\n'  # 12 not found; formula-looking input
)
EXPECTED = {
    2: "found", 3: "found", 4: "found", 5: "found", 6: "uncertain", 7: "not found",
    8: "not found", 9: "invalid", 10: "invalid", 11: "found", 12: "not found",
}


def check(searcher: Searcher, progress: Progress | None = None) -> CatalogReport:
    rows = parse(CATALOG).rows
    return check_catalog(searcher, rows, progress=progress)


def test_statuses_match_what_was_planted(searcher: Searcher) -> None:
    report = check(searcher)
    assert {r.row.line: r.status for r in report.results} == EXPECTED
    assert report.totals == {"rows": 11, "found": 5, "uncertain": 1, "not found": 3,
                             "invalid": 2}
    by_line = {r.row.line: r for r in report.results}
    ferry = by_line[2].match
    assert ferry is not None and ferry.title == "Midnight Ferry"
    assert ferry.artists == ("Velvet Lanterns",) and ferry.datasets == (("laion", 2), ("fma", 1))
    assert ferry.link is not None and ferry.link.startswith("https://")
    assert by_line[3].match is not None and by_line[3].match.title == "Jóga"
    assert by_line[4].match is not None and by_line[4].match.artists == ("Radiohead",)
    assert by_line[9].reason == "no artist" and by_line[10].reason == "no title"
    assert by_line[7].match is None and by_line[8].match is None
    assert report.index_built_at == searcher.reader.built_at


def test_per_dataset_counts_and_strongest(searcher: Searcher) -> None:
    report = check(searcher)
    tallies = {d.id: (d.found, d.uncertain) for d in report.datasets}
    assert tallies == {"laion": (4, 1), "fma": (3, 1)}
    strongest = report.strongest()
    names = [r.match.title for r in strongest if r.match]
    assert sorted(names) == ["-Intro-", "Creep", "Jóga", "Midnight Ferry"]  # one per song
    scores = [r.match.score for r in strongest if r.match]
    assert scores == sorted(scores, reverse=True)


def test_identical_rows_are_looked_up_once_and_progress_is_reported(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, str | None]] = []
    real = searcher.lookup_song

    def counting(title: str, artist: str | None = None, limit: int | None = None) -> LookupResult:
        calls.append((title, artist))
        return real(title, artist=artist, limit=limit)

    monkeypatch.setattr(searcher, "lookup_song", counting)
    seen: list[tuple[int, int]] = []
    check(searcher, progress=lambda done, total: seen.append((done, total)))
    assert len(calls) == 8  # 11 rows, 2 invalid, 1 repeat
    assert seen[-1] == (11, 11) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_checked_in_child_processes_the_report_is_the_same(searcher: Searcher) -> None:
    rows = parse(CATALOG).rows
    here = check_catalog(searcher, rows)
    seen: list[tuple[int, int]] = []
    pooled = check_catalog(searcher, rows,
                           progress=lambda done, total: seen.append((done, total)),
                           processes=2)
    assert pooled == here
    assert seen[-1] == (11, 11)


def test_title_only_catalog_falls_back_to_the_title(searcher: Searcher) -> None:
    rows = parse("Song Title\nNorthern Lights\n").rows
    report = check_catalog(searcher, rows)
    result = report.results[0]
    assert result.status == "found" and result.match is not None
    assert result.match.artists == ("Aurora Fields",)


def test_report_csv_reads_back_and_is_guarded(searcher: Searcher) -> None:
    report = check(searcher)
    data = report_csv(report)
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [int(r["line"]) for r in rows] == list(EXPECTED)
    assert [r["status"] for r in rows] == list(EXPECTED.values())
    first = rows[0]
    assert first["matched title"] == "Midnight Ferry" and first["datasets"] == "laion:2; fma:1"
    assert float(first["score"]) >= 88 and first["link"].startswith("https://")
    assert rows[7]["reason"] == "no artist" and rows[7]["status"] == "invalid"
    assert rows[9]["matched title"] == "'-Intro-"
    assert rows[10]["input artist"] == "'=HYPERLINK(\"http://x\")"
    assert rows[10]["input title"] == "'@everyone"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-Intro-", "'-Intro-"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("a=b", "a=b"), ("", ""), (None, ""), (97.5, "97.5"),
])
def test_formula_guard(value: str | float | None, expected: str) -> None:
    assert safe_cell(value) == expected


def test_summary_text(searcher: Searcher) -> None:
    text = summary_text(check(searcher), "songs.csv")
    assert text.startswith("Checked 11 catalog rows from songs.csv\n(index built 20")
    assert "LAION Test (laion)" in text and "FMA Test (fma)" in text
    assert "Velvet Lanterns - Midnight Ferry" in text
    assert "line 9: no artist" in text


# --- evidence export ---------------------------------------------------------------------------

def test_export_lists_every_track_with_its_provenance(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "PAGE_SIZE", 1)  # page through one track at a time
    result = searcher.lookup_song("midnight ferry", artist="velvet lanterns")
    export = export_match(searcher, result)
    assert [(t.dataset_id, t.source_id, t.url) for t in export.tracks] == [
        ("laion", "vid001", "https://yt.example/v1"),
        ("laion", "vid002", "https://yt.example/v2"),
        ("fma", "10", "https://fma.example/t/10"),
    ]
    assert {t.dataset_id: t.dataset_version for t in export.tracks} == {"laion": "v2.1",
                                                                        "fma": None}
    assert all(t.dataset_built_at.startswith("20") for t in export.tracks)
    assert export.index_built_at == searcher.reader.built_at and not export.truncated

    rows = list(csv.DictReader(io.StringIO(export_csv(export).decode("utf-8-sig"))))
    assert [r["source id"] for r in rows] == ["vid001", "vid002", "10"]
    assert rows[0]["dataset version"] == "v2.1" and rows[2]["dataset version"] == ""
    assert rows[2]["dataset indexed at"].startswith("20")
    assert rows[0]["index built at"] == searcher.reader.built_at
    assert rows[0]["query"] == "midnight ferry (artist: velvet lanterns)"
    assert rows[0]["match"] == "Velvet Lanterns - Midnight Ferry"
    assert float(rows[0]["score"]) == export.score

    data = json.loads(export_json(export).decode("utf-8"))
    assert data["query"] == "midnight ferry" and data["kind"] == "song"
    assert data["match"] == "Midnight Ferry" and data["score"] == export.score
    assert data["index_built_at"] == searcher.reader.built_at and data["exported_at"]
    assert [t["source_id"] for t in data["tracks"]] == ["vid001", "vid002", "10"]
    assert data["tracks"][0]["dataset_version"] == "v2.1"
    assert data["tracks"][2]["url"] == "https://fma.example/t/10"


def test_artist_export_is_guarded_and_limited(searcher: Searcher) -> None:
    result = searcher.lookup_artist("velvet lanterns")
    export = export_match(searcher, result)
    assert len(export.tracks) == 4 and export.match_artists == ("Velvet Lanterns",)
    text = export_csv(export).decode("utf-8-sig")
    assert "'-Intro-" in text and ",-Intro-" not in text
    short = export_match(searcher, result, limit=2)
    assert len(short.tracks) == 2 and short.truncated
    assert json.loads(export_json(short))["truncated"] is True
    with pytest.raises(TrainedOnError, match="no match number 6"):
        export_match(searcher, result, match_index=5)
