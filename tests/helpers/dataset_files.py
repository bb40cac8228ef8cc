"""Dataset files in each shipped dataset's real layout, written from rows that may be broken.

A cell is text, or bytes for what is not valid text; a row is (title, artist). The paths and
formats are the shipped manifest's own (`shipped_dataset`), so a file written here is read by
the reader that reads the real dataset.
"""

from __future__ import annotations

import json
from hashlib import sha1
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from bot.devtools.synth.parquet_out import DISCO_SCHEMA, LAION_SCHEMA
from bot.devtools.synth.text_out import SPOTIFY_HEADER, fma_header_rows
from helpers import REPO
from helpers.workspace import Workspace


def shipped_dataset(dataset_id: str) -> dict[str, Any]:
    """A real dataset's manifest entry (its real paths and format), without downloads."""
    manifest = yaml.safe_load((REPO / "data" / "datasets.yaml").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["datasets"] if d["id"] == dataset_id)
    return {k: v for k, v in entry.items() if k != "downloads"}


Cell = Any
LAION_FILE = "laion-disco-12m/data/train-00000-of-00001.parquet"
DISCO_FILE = "disco-10m/data/train-00000-of-00001.parquet"
SLEEPING_FILE = "sleeping-disco-9m/a.jsonl"
FMA_FILE = "fma/fma_metadata/tracks.csv"
SPOTIFY_FILE = "spotify-tracks/dataset.csv"


def text_array(values: list[Cell]) -> pa.Array:
    """A string column that may hold invalid UTF-8 (Arrow does not check it on write)."""
    raw = [v if isinstance(v, bytes) or v is None else v.encode() for v in values]
    return pa.array(raw, type=pa.binary()).view(pa.string())


def laion_file(ws: Workspace, rows: list[tuple[Cell, Cell]]) -> None:
    titles = text_array([t for t, _ in rows])
    artists = pa.ListArray.from_arrays(
        pa.array(range(len(rows) + 1), type=pa.int32()), text_array([a for _, a in rows])
    )
    n = len(rows)
    columns = {
        "song_id": pa.array([f"v{i:010d}" for i in range(n)]), "title": titles,
        "artist_names": artists, "artist_ids": pa.array([[]] * n, pa.list_(pa.string())),
        "album_name": pa.array([None] * n, pa.string()), "album_id": pa.array(["A"] * n),
        "isExplicit": pa.array([False] * n), "views": pa.array(["1"] * n),
        "duration": pa.array([200] * n, pa.int64()),
    }
    path = ws.data / LAION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns, schema=LAION_SCHEMA), path)


def disco_file(ws: Workspace, rows: list[tuple[Cell, Cell]]) -> None:
    n = len(rows)
    text = {name: pa.array([None] * n, pa.string()) for name in DISCO_SCHEMA.names}
    text.update({
        "video_url_youtube": pa.array([f"https://www.youtube.com/watch?v=d{i}" for i in range(n)]),
        "track_name_spotify": text_array([t for t, _ in rows]),
        "primary_artist_name_spotify": text_array([a for _, a in rows]),
        "track_id_spotify": pa.array([f"{i:022d}" for i in range(n)]),
    })
    columns = {f.name: text[f.name] if pa.types.is_string(f.type) else pa.nulls(n, f.type)
               for f in DISCO_SCHEMA}
    path = ws.data / DISCO_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns, schema=DISCO_SCHEMA), path)


def laion_typed(ws: Workspace, titles: pa.Array, artist_names: Any) -> None:
    """LAION's layout with title and artist_names of whatever Arrow type is given."""
    n = len(titles)
    path = ws.data / LAION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"song_id": [f"v{i:010d}" for i in range(n)], "title": titles,
                             "artist_names": artist_names, "album_name": [None] * n}), path)


def jsonl_bytes(lines: list[bytes | dict[str, Any]]) -> bytes:
    """Lines as given (bytes) or as JSON objects (dicts)."""
    raw = [line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode()
           for line in lines]
    return b"\n".join(raw) + b"\n"


def sleeping_file(ws: Workspace, lines: list[bytes | dict[str, Any]]) -> None:
    ws.write(SLEEPING_FILE, jsonl_bytes(lines))


def prepend(ws: Workspace, relative: str, head: bytes) -> None:
    path = ws.data / relative
    path.write_bytes(head + path.read_bytes())


def to_utf16(ws: Workspace, relative: str) -> None:
    """The file as Excel's "Unicode text" saves it: UTF-16 with a byte-order mark."""
    path = ws.data / relative
    path.write_bytes(path.read_bytes().decode().encode("utf-16"))


def sleeping_rows(rows: list[tuple[Cell, Cell]]) -> list[bytes | dict[str, Any]]:
    """Rows with a video id of their own: a repeated id is one track (a duplicate row)."""
    return [{"title": t, "artist": a,
             "video_id": "s" + sha1(repr((t, a)).encode()).hexdigest()[:10]} for t, a in rows]


def csv_bytes(rows: list[list[Cell]]) -> bytes:
    """CSV as the csv module quotes it; bytes cells are spliced in raw."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, bytes):
                cells.append(b'"' + cell.replace(b'"', b'""') + b'"')
            else:
                text = str(cell)
                quoted = any(c in text for c in ',"\n\r') or text != text.strip()
                cells.append(('"' + text.replace('"', '""') + '"' if quoted else text).encode())
        out.append(b",".join(cells))
    return b"\n".join(out) + b"\n"


def fma_file(ws: Workspace, rows: list[tuple[Cell, Cell]], header: bool = True) -> None:
    """tracks.csv: three header rows; artist.name and track.title where FMA has them."""
    groups, fields, label = fma_header_rows()
    width = len(groups)
    artist_at = next(i for i in range(width) if (groups[i], fields[i]) == ("artist", "name"))
    title_at = next(i for i in range(width) if (groups[i], fields[i]) == ("track", "title"))
    body: list[list[Cell]] = []
    for i, (title, artist) in enumerate(rows):
        row: list[Cell] = [str(i + 2)] + [""] * (width - 1)
        row[artist_at], row[title_at] = artist, title
        body.append(row)
    ws.write(FMA_FILE, csv_bytes(([groups, fields, label] if header else [fields]) + body))


def spotify_row(index: int, title: Cell, artist: Cell) -> list[Cell]:
    """A dataset.csv row: an unnamed index column, track_id, artists joined by ';', track_name."""
    head = list(SPOTIFY_HEADER)
    row: list[Cell] = [str(index)] + [""] * (len(head) - 1)
    row[head.index("track_id")] = f"sp{index:020d}"
    row[head.index("artists")], row[head.index("track_name")] = artist, title
    return row


def spotify_file(ws: Workspace, rows: list[tuple[Cell, Cell]], header: bool = True) -> None:
    body = [spotify_row(i, title, artist) for i, (title, artist) in enumerate(rows)]
    ws.write(SPOTIFY_FILE, csv_bytes(([list(SPOTIFY_HEADER)] if header else []) + body))
