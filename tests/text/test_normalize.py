"""Matching keys: every rule of normalize_name / normalize_title, and clean_display."""

from __future__ import annotations

import unicodedata

import pytest

from bot.text.normalize import (
    clean_display,
    normalize_name,
    normalize_title,
    strip_topic_suffix,
)

NAME_CASES = [
    # case and whitespace
    ("Radiohead", "radiohead"),
    ("  RADIOHEAD  ", "radiohead"),
    ("Daft\tPunk\n\nLive", "daft punk live"),
    ("Daft\u00a0 Punk", "daft punk"),
    # Latin diacritics and special letters
    ("Björk", "bjork"),
    ("Sigur Rós", "sigur ros"),
    ("Beyoncé", "beyonce"),
    ("Motörhead", "motorhead"),
    ("Ælfric", "aelfric"),
    ("Straße", "strasse"),
    ("Øystein Sevåg", "oystein sevag"),
    ("Œuvre", "oeuvre"),
    ("Đorđe Balašević", "dorde balasevic"),
    ("Łukasz", "lukasz"),
    ("Þór", "thor"),
    ("Sıla", "sila"),
    ("İstanbul", "istanbul"),
    ("Sơn Tùng M-TP", "son tung m tp"),
    # compatibility forms (NFKC)
    ("ＡＢＣ", "abc"),
    ("ｶﾞｸﾄ", "ガクト"),
    # other scripts
    ("Кино", "кино"),
    ("Ёлка", "елка"),
    ("Βαγγέλης", "βαγγελησ"),
    ("宇多田ヒカル", "宇多田ヒカル"),
    ("がらくた", "がらくた"),
    ("فيروز", "فيروز"),
    ("עִבְרִית", "עִבְרִית"),
    ("हिन्दी", unicodedata.normalize("NFC", "हिन्दी")),
    ("ภาษาไทย", "ภาษาไทย"),
    ("방탄소년단", "방탄소년단"),
    # punctuation, symbols, apostrophes, periods
    ("Guns N' Roses", "guns n roses"),
    ("Guns N’ Roses", "guns n roses"),
    ("R.E.M.", "rem"),
    ("P!nk", "p nk"),
    ("Blink-182", "blink 182"),
    ("Wait...What", "wait what"),
    ("Love ❤️ Song", "love song"),
    ("Don´t", "dont"),
    # "&" and "+"
    ("Simon & Garfunkel", "simon and garfunkel"),
    ("Simon and Garfunkel", "simon and garfunkel"),
    ("Simon&Garfunkel", "simon and garfunkel"),
    ("Florence + the Machine", "florence and the machine"),
    ("& Friends", "friends"),
    # articles
    ("The Beatles", "beatles"),
    ("Beatles, The", "beatles"),
    ("The The", "the"),
    ("The", "the"),
    ("The !!!", "the"),
    ("Theatre of Tragedy", "theatre of tragedy"),
    ("Them Crooked Vultures", "them crooked vultures"),
    # YouTube channel suffixes
    ("Björk - Topic", "bjork"),
    ("The Beatles - Topic", "beatles"),
    ("Adele - TOPIC", "adele"),
    ("TaylorSwiftVEVO", "taylorswiftvevo"),
    ("Topic", "topic"),
    # invisible and control characters
    ("Bj\u200börk", "bjork"),
    ("\u202eAdele\u202c", "adele"),
    ("\ufeffAdele\u2066", "adele"),
    ("Ad\x00ele\x9f", "adele"),
    ("Soft\u00adhyphen", "softhyphen"),
    # nothing matchable left: keep the symbols
    ("!!!", "!!!"),
    ("🎵🎵", "🎵🎵"),
    ("¯\\_(ツ)_/¯", "ツ"),
    ("", ""),
    ("   \u200b\t", ""),
]

TITLE_CASES = [
    ("Yesterday", "yesterday"),
    ("Live Forever", "live forever"),
    ("Don't Stop Me Now", "dont stop me now"),
    ("Here Comes the Sun (Remastered 2009)", "here comes the sun"),
    ("Song [Official Video]", "song"),
    ("Song {Bonus}", "song"),
    ("Song (feat. Drake)", "song"),
    ("Song (with Drake)", "song"),
    ("Song (Live)", "song"),
    ("Song ft. Drake", "song"),
    ("Song feat. Drake & Rihanna", "song"),
    ("Song featuring Drake", "song"),
    ("Song - Remastered 2009", "song"),
    ("Song - Radio Edit", "song"),
    ("Song - Live at Wembley", "song"),
    ("Song - 2011", "song"),
    ("Song - Mono Version", "song"),
    ("Song (Live) - 2009 Remaster", "song"),
    ("Song ft. X - Radio Edit", "song"),
    ("Song - Part Two", "song part two"),
    ("Artist - Song Title (Official Video)", "artist song title"),
    ("Song | Official Lyric Video", "song"),
    ("Song // Official Audio", "song"),
    ("Song (Remix [Extended])", "song"),
    ("Song (feat. X", "song"),
    ("Left Behind", "left behind"),
    ("Soft Cell", "soft cell"),
    ("(Intro)", "intro"),
    ("[Untitled]", "untitled"),
    ("Live - Remastered", "live"),
    ("Rock & Roll", "rock and roll"),
    ("Björk's Song (Remastered)", "bjorks song"),
    ("恋 (Live)", "恋"),
    ("¿Qué Pasa?", "que pasa"),
    ("🎵", "🎵"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), TITLE_CASES)
def test_normalize_title(text: str, expected: str) -> None:
    assert normalize_title(text) == expected


@pytest.mark.parametrize("text", [text for text, _ in NAME_CASES])
def test_normalize_name_is_idempotent(text: str) -> None:
    key = normalize_name(text)
    assert normalize_name(key) == key


@pytest.mark.parametrize("text", [text for text, _ in TITLE_CASES])
def test_normalize_title_is_idempotent(text: str) -> None:
    key = normalize_title(text)
    assert normalize_title(key) == key


@pytest.mark.parametrize("text", [text for text, _ in NAME_CASES + TITLE_CASES])
def test_keys_are_empty_only_for_invisible_input(text: str) -> None:
    visible = clean_display(text)
    assert bool(normalize_name(text)) == bool(visible)
    assert bool(normalize_title(text)) == bool(visible)


def test_devanagari_keeps_vowel_signs() -> None:
    key = normalize_name("हिन्दी")
    assert key == unicodedata.normalize("NFC", "हिन्दी")
    assert "\u093f" in key and "\u094d" in key


def test_japanese_dakuten_kept() -> None:
    assert normalize_name("が") == "が" != normalize_name("か")


DISPLAY_CASES = [
    ("Björk", "Björk"),
    ("  Guns N' Roses  ", "Guns N' Roses"),
    ("A\n\tB", "A B"),
    ("A\u200bB\u200c\u200d\u2060\ufeff", "AB"),
    ("\u202eAdele\u202c\u200e\u200f\u2066\u2069", "Adele"),
    ("Ad\x00el\x07e\x9f", "Adele"),
    ("Sigur   Rós\r\n", "Sigur Rós"),
    ("R.E.M. & Friends!", "R.E.M. & Friends!"),
    ("\u200b \t", ""),
]


@pytest.mark.parametrize(("text", "expected"), DISPLAY_CASES)
def test_clean_display(text: str, expected: str) -> None:
    assert clean_display(text) == expected


@pytest.mark.parametrize(
    ("text", "max_len", "expected"),
    [
        ("abcdef", 6, "abcdef"),
        ("abcdefg", 6, "abcde…"),
        ("abc   def", 5, "abc…"),
        ("a" * 400, 300, "a" * 299 + "…"),
    ],
)
def test_clean_display_truncates(text: str, max_len: int, expected: str) -> None:
    assert clean_display(text, max_len) == expected
    assert len(clean_display(text, max_len)) <= max_len


def test_clean_display_rejects_empty_limit() -> None:
    with pytest.raises(ValueError):
        clean_display("abc", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Björk - Topic", "Björk"),
        ("Björk - topic ", "Björk"),
        ("Topic", "Topic"),
        ("Hot Topic", "Hot Topic"),
    ],
)
def test_strip_topic_suffix(text: str, expected: str) -> None:
    assert strip_topic_suffix(text) == expected
