"""Text from datasets and people, made harmless where it is shown: Discord markup in safe(),
cuts that never split an escape, autocomplete choices, and spreadsheet formulas in CSV files.
Pure functions, no network."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import pytest

from bot.catalog.cells import safe_cell
from bot.catalog.check import BestMatch, CatalogReport, RowResult
from bot.catalog.export import Export, ExportTrack, export_csv
from bot.catalog.parse import CatalogRow
from bot.catalog.report import report_csv
from bot.discordbot.safety import BREAK, CHOICE_COUNT_LIMIT, CHOICE_LIMIT, choices, safe, truncate
from bot.search.results import LookupResult
from bot.search.verdict import Thresholds

ZW = BREAK  # the zero-width space after "<" and "@"

# (id, raw, shown): every Discord markup form, and its neighbours that must stay as they are.
MARKUP = [
    ("user-mention", "<@123>", f"<{ZW}@123>"),
    ("nickname-mention", "<@!123>", f"<{ZW}@!123>"),
    ("role-mention", "<@&123>", f"<{ZW}@&123>"),
    ("channel-mention", "<#123>", f"<{ZW}#123>"),
    ("slash-command", "</ban:123>", f"<{ZW}/ban:123>"),
    ("slash-subcommand", "</watch artist:123>", f"<{ZW}/watch artist:123>"),
    ("custom-emoji", "<:pog:123>", f"<{ZW}:pog:123>"),
    ("animated-emoji", "<a:pog:123>", f"<{ZW}a:pog:123>"),
    ("timestamp", "<t:1700000000>", f"<{ZW}t:1700000000>"),
    ("timestamp-relative", "<t:1700000000:R>", f"<{ZW}t:1700000000:R>"),
    ("guild-customize", "<id:customize>", f"<{ZW}id:customize>"),
    ("guild-browse", "<id:browse>", f"<{ZW}id:browse>"),
    ("guild-guide", "<id:guide>", f"<{ZW}id:guide>"),
    ("autolink", "<https://evil.example>", f"<{ZW}https://evil.example>"),
    ("everyone", "@everyone", f"@{ZW}everyone"),
    ("here", "@here", f"@{ZW}here"),
    ("heading-1", "# Big", "\\# Big"),
    ("heading-2", "## Big", "\\## Big"),
    ("heading-3", "### Big", "\\### Big"),
    ("heading-after-spaces", "  # Big", "  \\# Big"),
    ("subtext", "-# small", "\\-# small"),
    ("quote", "> q", "\\> q"),
    ("block-quote", ">>> q", "\\>>> q"),
    ("list-dash", "- item", "\\- item"),
    ("list-star", "* item", "\\* item"),
    ("list-plus", "+ item", "\\+ item"),
    ("list-numbered", "1. item", "1\\. item"),
    ("list-numbered-paren", "2) item", "2\\) item"),
    ("spoiler", "||x||", "\\|\\|x\\|\\|"),
    ("bold-italic-strike", "**b** *i* __u__ ~~s~~",
     "\\*\\*b\\*\\* \\*i\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~"),
    ("inline-code", "`x`", "\\`x\\`"),
    ("code-fence", "```js\nalert(1)\n```", "\\`\\`\\`jsalert(1)\\`\\`\\`"),
    ("masked-link", "[x](https://evil.example)", "\\[x\\](https://evil.example)"),
    ("masked-link-autolink", "[x](<https://evil.example>)",
     f"\\[x\\](<{ZW}https://evil.example>)"),
    # discord.py's escape_markdown passed everything between "[" and the last ")" through:
    ("masked-link-swallowing-markup", "[a](b) ``` **x** (c)",
     "\\[a\\](b) \\`\\`\\` \\*\\*x\\*\\* (c)"),
    # ... and left URLs unescaped.
    ("url-with-markup", "https://e.example/_a_`b`||c||", "https://e.example/\\_a\\_\\`b\\`\\|\\|c\\|\\|"),
    ("backslash-cancelling-an-escape", "\\*\\*x\\*\\*", "\\\\\\*\\\\\\*x\\\\\\*\\\\\\*"),
    ("invisible-before-a-heading", "\u200b\u202e# x", "\\# x"),
    # Neighbours: markup only at the start of a line, or not markup at all.
    ("hash-mid-line", "Track # 5", "Track # 5"),
    ("dash-mid-line", "A - B", "A - B"),
    ("hyphen-name", "Jay-Z", "Jay-Z"),
    ("year-with-dot", "1999.5 Remaster", "1999.5 Remaster"),
    ("number-alone", "1999", "1999"),
    ("less-than", "a < b", f"a <{ZW} b"),
    ("email-like", "me@example.org", "me@example.org"),
    ("emoji-shortcode", ":smile:", ":smile:"),
]


@pytest.mark.parametrize(("raw", "shown"), [m[1:] for m in MARKUP], ids=[m[0] for m in MARKUP])
def test_safe_leaves_no_discord_markup_active(raw: str, shown: str) -> None:
    escaped = safe(raw)
    assert escaped == shown
    assert not re.search(f"<(?!{ZW})", escaped), "a '<' that Discord could read as markup"
    assert not re.search(r"@(everyone|here)", escaped)
    unescaped = re.sub(r"\\.", "", escaped)  # what is left once every escape is taken out
    assert not set(unescaped) & set("\\*_~|`[]"), unescaped
    assert not re.match(r"\s*([#>+-]|\d+[.)]\s)", escaped), "markup at the start of a line"


# Escaped texts whose every cut is tried: escapes, mention breakers, marks that attach.
CUT_TEXTS = [
    ("escaped-backslashes", safe("a\\b\\\\c\\\\\\d")),
    ("escaped-markdown", safe("**x** __y__ ||z|| [l](u)")),
    ("mention-breakers", safe("<@1><#2>@everyone</a b:3><t:4:R>")),
    ("line-start", safe("# 1. - x")),
    ("combining-accents", "e\u0301e\u0301\u0327x\u0301"),
    ("skin-tones", "👍🏽👍🏿x"),
    ("variation-selectors", "♥\ufe0f♥\ufe0fx"),
    ("emoji-joined", "👨\u200d👩\u200d👧x"),
]


def _attaches(text: str, at: int) -> bool:
    """Whether a cut before text[at] would split it from what it belongs to."""
    char = text[at]
    return (unicodedata.category(char)[0] == "M" or char in (ZW, "\u200d")
            or "\U0001f3fb" <= char <= "\U0001f3ff" or text[at - 1] == "\u200d")


@pytest.mark.parametrize("text", [t for _, t in CUT_TEXTS], ids=[i for i, _ in CUT_TEXTS])
def test_a_cut_never_splits_an_escape_or_a_character(text: str) -> None:
    for limit in range(1, len(text) + 2):
        cut = truncate(text, limit)
        assert len(cut) <= limit
        if len(text) <= limit:
            assert cut == text
            continue
        assert cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept)
        assert (len(kept) - len(kept.rstrip("\\"))) % 2 == 0, f"half an escape in {cut!r}"
        assert not kept or not _attaches(text, len(kept)), f"split at {len(kept)}: {cut!r}"
        assert len(kept) >= limit - 1 - 5, "cut further back than one character"  # 👨‍👩‍👧 is 5


def test_a_cut_after_an_escaped_backslash_keeps_both_backslashes() -> None:
    escaped = safe("a\\bc")  # a, the escaped backslash "\\\\", b, c
    assert escaped == "a\\\\bc"
    assert truncate(escaped, 4) == "a\\\\…"  # not "a\\…", whose backslash escapes the "…"
    assert truncate(escaped, 3) == "a…"


def test_a_cut_keeps_a_mention_breaker_whole() -> None:
    escaped = safe("xy<@1>")
    assert truncate(escaped, 4) == "xy…"  # not "xy<…" with its zero-width space lost
    assert truncate(safe("x@everyone"), 3) == "x…"


# (id, typed or indexed text, the choice shown): autocomplete names are plain text to Discord.
CHOICES = [
    ("zero-width", "Radio\u200bhe\u200c\u200d\u2060\ufeffad", "Radiohead"),
    ("bidi", "\u202eRadiohead\u202c\u200e\u200f\u2066\u2069", "Radiohead"),
    ("arabic-letter-mark", "Radio\u061chead", "Radiohead"),
    ("tag-characters", "Radiohead\U000e0049\U000e0047\U000e004e", "Radiohead"),
    ("soft-hyphen", "Radio\u00adhead", "Radiohead"),
    ("line-breaks", "Radio\nhead\r\n\u2028x", "Radio head x"),
    ("control", "\x1b[2JRed", "[2JRed"),
    ("too-long", "a" * 150, "a" * 99 + "…"),
    ("markdown-stays-plain", "**bold** <@1>", "**bold** <@1>"),
]


@pytest.mark.parametrize(("text", "shown"), [c[1:] for c in CHOICES], ids=[c[0] for c in CHOICES])
def test_an_autocomplete_choice_is_one_clean_line(text: str, shown: str) -> None:
    [choice] = choices([text])
    assert choice.name == choice.value == shown
    assert 1 <= len(choice.name) <= CHOICE_LIMIT and choice.name.isprintable()


def test_choices_drop_blanks_and_repeats_and_stop_at_25() -> None:
    names = ["\u200b\u202e", " ", "Radio\u200bhead", "radiohead", "Radiohead",
             *(f"n{i}" for i in range(40))]
    made = choices(names)
    assert [c.name for c in made][:3] == ["Radiohead", "n0", "n1"]
    assert len(made) == CHOICE_COUNT_LIMIT


# (id, cell, as written): a spreadsheet must read every one of these as text.
FORMULAS = [
    ("ascii-equals", "=1+1", "'=1+1"),
    ("ascii-plus", "+44 20", "'+44 20"),
    ("ascii-minus", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("ascii-at", "@SUM(A1)", "'@SUM(A1)"),
    ("ascii-tab", "\t=1+1", "'\t=1+1"),
    ("ascii-carriage-return", "\r=1+1", "'\r=1+1"),
    ("line-feed", "\n=1+1", "'\n=1+1"),
    ("fullwidth-equals", "\uff1d1+1", "'\uff1d1+1"),
    ("fullwidth-plus", "\uff0b1", "'\uff0b1"),
    ("fullwidth-minus", "\uff0d1", "'\uff0d1"),
    ("fullwidth-at", "\uff20SUM(A1)", "'\uff20SUM(A1)"),
    ("small-equals", "\ufe661+1", "'\ufe661+1"),
    ("minus-sign", "\u22121+1", "'\u22121+1"),
    ("space-then-equals", " =1+1", "' =1+1"),
    ("nbsp-then-equals", "\u00a0=1+1", "'\u00a0=1+1"),
    ("ideographic-space-then-fullwidth", "\u3000\uff1d1", "'\u3000\uff1d1"),
    ("zero-width-then-equals", "\u200b=1+1", "'\u200b=1+1"),
    ("bom-then-at", "\ufeff@x", "'\ufeff@x"),
    # Neighbours that stay as they are.
    ("equals-inside", "a=b", "a=b"),
    ("hyphen-inside", "A-ha", "A-ha"),
    ("pipe", "|cmd", "|cmd"),  # not a formula start: "|" only matters after one
    ("apostrophe", "'=1", "'=1"),
    ("number-text", "1+1", "1+1"),
    ("empty", "", ""),
]
FORMULA_IDS = [f[0] for f in FORMULAS]


@pytest.mark.parametrize(("cell", "written"), [f[1:] for f in FORMULAS], ids=FORMULA_IDS)
def test_a_cell_that_could_start_a_formula_is_written_as_text(cell: str, written: str) -> None:
    assert safe_cell(cell) == written


def test_numbers_are_written_as_numbers() -> None:
    assert [safe_cell(v) for v in (-5, -2.5, 97.5, 0, None)] == ["-5", "-2.5", "97.5", "0", ""]


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_catalog_report_guards_every_text_cell() -> None:
    thresholds = Thresholds(found=88.0, uncertain=70.0)
    results = [
        RowResult(CatalogRow(n, cell, cell, None, None, cell), "found",
                  BestMatch(cell, (cell,), (("laion", 1),), None, 90.0,
                            LookupResult(cell, "song", (), thresholds=thresholds)))
        for n, (_, cell, _) in enumerate(FORMULAS, start=2)
    ]
    report = CatalogReport(results, "2026-11-25T16:00:00+00:00", thresholds)
    rows = _read(report_csv(report))
    for row, (what, _, written) in zip(rows, FORMULAS, strict=True):
        for column in ("input artist", "input title", "matched title", "matched artists"):
            assert row[column] == written, (what, column)
        assert row["score"] == "90.0"


def test_the_evidence_export_guards_every_text_cell() -> None:
    tracks = [ExportTrack("laion", cell, cell, "2026", cell, cell, (cell,), None, False)
              for _, cell, _ in FORMULAS]
    export = Export("=1+1", None, "artist", "@x", (), 95.0, "2026", "2026", len(tracks), tracks)
    rows = _read(export_csv(export))
    for row, (what, _, written) in zip(rows, FORMULAS, strict=True):
        for column in ("dataset name", "dataset version", "source id", "title", "artists"):
            assert row[column] == written, (what, column)
        assert (row["query"], row["match"]) == ("'=1+1", "'@x")
