"""Credited artists: splitting credit strings and finding featured artists in titles."""

from __future__ import annotations

import pytest

from bot.text.credits import featured_in_title, split_credit, track_artists


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Adele", ["Adele"]),
        ("  Adele\u200b ", ["Adele"]),
        ("A feat. B", ["A", "B"]),
        ("A feat B", ["A", "B"]),
        ("A ft. B", ["A", "B"]),
        ("A Ft B", ["A", "B"]),
        ("A featuring B", ["A", "B"]),
        ("A with B", ["A", "B"]),
        ("A (feat. B)", ["A", "B"]),
        ("A [with B]", ["A", "B"]),
        ("A (ft. B & C)", ["A", "B", "C"]),
        ("A featuring B with C", ["A", "B", "C"]),
        ("A & B", ["A & B", "A", "B"]),
        ("A and B", ["A and B", "A", "B"]),
        ("A, B and C", ["A, B and C", "A", "B", "C"]),
        ("A, B, and C", ["A, B, and C", "A", "B", "C"]),
        ("Earth, Wind & Fire", ["Earth, Wind & Fire", "Earth", "Wind", "Fire"]),
        ("A x B", ["A x B", "A", "B"]),
        ("A X B", ["A X B", "A", "B"]),
        ("A × B", ["A × B", "A", "B"]),
        ("A vs B", ["A vs B", "A", "B"]),
        ("A vs. B", ["A vs. B", "A", "B"]),
        ("A + B", ["A + B", "A", "B"]),
        ("A; B", ["A; B", "A", "B"]),
        ("Artist One/Artist Two", ["Artist One/Artist Two", "Artist One", "Artist Two"]),
        ("AC/DC", ["AC/DC"]),
        ("A feat. B & C", ["A", "B", "C"]),
        ("A & B ft. C, D", ["A & B", "A", "B", "C", "D"]),
        ("A & a", ["A & a", "A"]),
        ("The Beatles & Beatles", ["The Beatles & Beatles", "The Beatles"]),
        ("Björk - Topic", ["Björk"]),
        ("A & Björk - Topic", ["A & Björk", "A", "Björk"]),
        ("With Confidence", ["With Confidence"]),
        ("Daft Punk", ["Daft Punk"]),
        ("Lil Nas X", ["Lil Nas X"]),
        ("Beatles, The", ["Beatles, The"]),
        ("Beatles, The & Stones", ["Beatles, The & Stones", "Beatles, The", "Stones"]),
        ("Stones, Beatles, The", ["Stones, Beatles, The", "Stones", "Beatles, The"]),
        ("Tyler, The Creator", ["Tyler, The Creator", "Tyler", "The Creator"]),
        ("A &", ["A"]),
        ("&", []),
        ("", []),
    ],
)
def test_split_credit(credit: str, expected: list[str]) -> None:
    assert split_credit(credit) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Song", []),
        ("Song (feat. X & Y)", ["X", "Y"]),
        ("Song (feat. X, Y and Z)", ["X", "Y", "Z"]),
        ("Song ft. X", ["X"]),
        ("Song featuring X", ["X"]),
        ("Song [with X]", ["X"]),
        ("Song {ft X}", ["X"]),
        ("Song feat. X - Radio Edit", ["X"]),
        ("Song ft. X (Remix)", ["X"]),
        ("Song ft. X | Official Video", ["X"]),
        ("Song (feat. X) [Official Video]", ["X"]),
        ("Dancing with Myself", []),
        ("Left Behind", []),
        ("Soft Cell", []),
    ],
)
def test_featured_in_title(title: str, expected: list[str]) -> None:
    assert featured_in_title(title) == expected


@pytest.mark.parametrize(
    ("credits", "title", "expected"),
    [
        (["Adele"], "Hello", ["Adele"]),
        (["A & B", "B feat. C"], "Song", ["A & B", "A", "B", "C"]),
        (["A"], "Song (feat. B & a)", ["A", "B"]),
        (["Drake"], "Song (feat. Rihanna)", ["Drake", "Rihanna"]),
        (["The Beatles", "Beatles, The"], "Song", ["The Beatles"]),
        (["Björk - Topic"], "Song", ["Björk"]),
        (["", "  ", "Adele"], "Song", ["Adele"]),
        (["🎵"], "Song", ["🎵"]),
        ([], "Song ft. X", ["X"]),
        ([], "Song", []),
    ],
)
def test_track_artists(credits: list[str], title: str, expected: list[str]) -> None:
    assert track_artists(credits, title) == expected
