"""The guidance file (data/guidance.yaml): sourced, dated, worded by the rule, or refused.

How the wording rule is checked: the words TrainedOn itself writes (every title and text, and
the notice) may not say "proof", "stolen", "trained on" or their kin (`FORBIDDEN_WORDING`).
A source's own words may, in an item's `quote`, which always carries `by` and is shown in
quotation marks with it. The model refuses a file that breaks the rule, so a broken file never
reaches a musician; the tests below feed such files and read the one line that refuses them.
"""

from __future__ import annotations

import copy
import logging
import os
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO

from bot.datasets.guidance import (
    FORBIDDEN_WORDING,
    MAX_ITEMS_PER_DATASET,
    NOT_LEGAL_ADVICE,
    GuidanceError,
    GuidanceFile,
    guidance_path,
    load_guidance,
    read_guidance,
)
from bot.datasets.manifest import load_manifest

SHIPPED = REPO / "data" / "guidance.yaml"
CHECKED = date(2026, 11, 30)
REAL_DATASETS = ("laion-disco-12m", "sleeping-disco-9m", "fma", "spotify-tracks", "disco-10m",
                 "audioset", "musiccaps")


def item(**changes: Any) -> dict[str, Any]:
    base = {"title": "Ask the publisher", "text": "Write to the maintainers.",
            "source": "https://example.org/contact", "checked": "2026-11-30"}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "checked": "2026-11-30",
        "notice": "Listed in a dataset's published metadata. Informational, not legal advice.",
        "general": [{**item(title="A registry"), "kind": "opt-out"}],
        "hosts": {"hub": {"name": "The Hub", "items": [item(title="Report it")]}},
        "datasets": {"alpha": {"host": "hub", "items": [item()]}},
    }
    doc.update(changes)
    return doc


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "guidance.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def refusal(tmp_path: Path, doc: dict[str, Any]) -> str:
    with pytest.raises(GuidanceError) as caught:
        load_guidance(write(tmp_path, doc))
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# --- the shipped file -------------------------------------------------------------------------

def test_the_shipped_file_loads_and_every_item_is_sourced_over_https_and_checked() -> None:
    guidance = load_guidance(SHIPPED)
    items = list(guidance.items())
    assert len(items) >= 20
    for entry in items:
        assert entry.source.startswith("https://"), entry.title
        assert entry.checked <= guidance.checked, entry.title
    assert guidance.checked == CHECKED  # the review this file ships with
    assert NOT_LEGAL_ADVICE in guidance.notice.lower()


def test_every_real_dataset_of_the_shipped_manifest_has_its_own_route_or_says_none_exists() -> None:
    guidance = load_guidance(SHIPPED)
    manifest = load_manifest(REPO / "data" / "datasets.yaml")
    real = {d.id for d in manifest.datasets if not d.demo}
    assert set(REAL_DATASETS) <= real
    assert real <= set(guidance.datasets), real - set(guidance.datasets)
    # Honest where there is none: LAION's FAQ offers no removal on copyright grounds.
    laion = " ".join(i.text for i in guidance.datasets["laion-disco-12m"].items)
    assert "no removal route on copyright grounds" in laion


def test_the_shipped_general_routes_cover_registries_societies_and_cases() -> None:
    guidance = load_guidance(SHIPPED)
    titles: dict[str, list[str]] = defaultdict(list)
    for entry in guidance.general:
        titles[entry.kind].append(entry.title)
    assert any("Spawning" in t for t in titles["opt-out"])
    assert any("Art. 4" in t for t in titles["opt-out"])
    assert {"GEMA (Germany)", "SACEM (France)", "PRS for Music (UK)", "STIM (Sweden)"} <= set(
        titles["society"])
    assert any("GEMA v OpenAI" in t for t in titles["case"])
    assert any("GEMA v Suno" in t for t in titles["case"])


def test_the_wording_rule_holds_for_every_text_of_the_shipped_file() -> None:
    guidance = load_guidance(SHIPPED)
    texts = [guidance.notice] + [t for i in guidance.items() for t in (i.title, i.text)]
    for text in texts:
        assert not FORBIDDEN_WORDING.search(text), text


# --- every item needs a source and a date -----------------------------------------------------

@pytest.mark.parametrize("missing", ["source", "checked"])
def test_an_item_without_a_source_or_a_date_is_refused_naming_it(tmp_path: Path,
                                                                  missing: str) -> None:
    doc = document(datasets={"alpha": {"items": [item(**{missing: None})]}})
    message = refusal(tmp_path, doc)
    assert f"datasets.alpha.items.0.{missing}: required key is missing" in message


def test_a_general_item_without_a_source_is_refused_too(tmp_path: Path) -> None:
    doc = document(general=[{**item(source=None), "kind": "case"}])
    assert "general.0.source: required key is missing" in refusal(tmp_path, doc)


@pytest.mark.parametrize("source", ["http://example.org/page", "example.org/page",
                                    "https://exa mple.org", "javascript:alert(1)", ""])
def test_a_source_that_is_not_an_https_url_is_refused(tmp_path: Path, source: str) -> None:
    doc = document(datasets={"alpha": {"items": [item(source=source)]}})
    assert "datasets.alpha.items.0.source" in refusal(tmp_path, doc)


def test_a_checked_date_in_the_future_is_refused(tmp_path: Path) -> None:
    later = (date.today() + timedelta(days=30)).isoformat()
    doc = document(datasets={"alpha": {"items": [item(checked=later)]}})
    message = refusal(tmp_path, doc)
    assert "datasets.alpha.items.0.checked" in message and "a date that has come" in message


def test_an_item_checked_after_the_files_own_review_date_is_refused(tmp_path: Path) -> None:
    doc = document(checked="2026-11-01")
    assert "was checked after the file's `checked` (2026-11-01)" in refusal(tmp_path, doc)


def test_a_notice_that_does_not_say_not_legal_advice_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, document(notice="Here is what to do."))
    assert "notice" in message and "not legal advice" in message


def test_a_dataset_naming_an_unknown_host_is_refused(tmp_path: Path) -> None:
    doc = document(datasets={"alpha": {"host": "elsewhere", "items": [item()]}})
    assert "host 'elsewhere'" in refusal(tmp_path, doc)


def test_unknown_keys_and_too_many_items_are_refused(tmp_path: Path) -> None:
    assert "unknown key" in refusal(tmp_path, document(extra="x"))
    many = {"alpha": {"items": [item()] * (MAX_ITEMS_PER_DATASET + 1)}}
    assert "datasets.alpha.items" in refusal(tmp_path, document(datasets=many))


def test_a_file_that_is_not_guidance_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "guidance.yaml"
    path.write_text("datasets: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuidanceError, match="not valid YAML"):
        load_guidance(path)
    with pytest.raises(GuidanceError, match="guidance file not found"):
        load_guidance(tmp_path / "absent.yaml")


# --- the wording rule -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "This listing is proof that your song was taken.",
    "Your songs were stolen.",
    "A model was trained on your songs.",
    "The dataset was used to train a model.",
    "Models TRAINED   ON these rows.",
    "A theft of songs.",
])
def test_our_own_words_may_not_break_the_wording_rule(tmp_path: Path, text: str) -> None:
    for field in ("title", "text"):
        doc = document(datasets={"alpha": {"items": [item(**{field: text})]}})
        message = refusal(tmp_path, doc)
        assert f"datasets.alpha.items.0.{field}" in message
        assert "listed in dataset X (row Y)" in message


def test_a_source_may_say_so_in_an_attributed_quote_and_only_there(tmp_path: Path) -> None:
    quoted = {"text": "This dataset was used to train our model.", "by": "A model card"}
    guidance = load_guidance(write(tmp_path, document(
        datasets={"alpha": {"items": [item(quote=quoted)]}})))
    shown = guidance.datasets["alpha"].items[0].quote
    assert shown is not None and shown.by == "A model card"
    unattributed = {"text": "used to train"}
    message = refusal(tmp_path, document(datasets={"alpha": {"items": [item(quote=unattributed)]}}))
    assert "quote.by: required key is missing" in message


def test_words_that_merely_contain_a_forbidden_one_pass() -> None:
    for fine in ("waterproof labels", "a training set", "retrained", "the steal-proofing"):
        # whole words only: "waterproof" is not "proof" ("steal-proofing" does say "steal")
        found = FORBIDDEN_WORDING.search(fine)
        assert (found is not None) == (fine == "the steal-proofing"), fine


# --- choosing the guidance for an answer ------------------------------------------------------

def test_next_steps_put_the_datasets_own_routes_first_then_hosts_then_general() -> None:
    guidance = load_guidance(SHIPPED)
    steps = guidance.next_steps([("fma", "FMA"), ("laion-disco-12m", "LAION-DISCO-12M"),
                                 ("spotify-tracks", "Spotify Tracks"), ("alpha", "Alpha Set"),
                                 ("fma", "FMA")])
    titles = [s.title for s in steps.sections]
    assert titles[:3] == ["FMA", "LAION-DISCO-12M", "Spotify Tracks"]
    assert titles[3] == "Hugging Face (hosts LAION-DISCO-12M, Spotify Tracks)"
    assert titles[4:] == ["Opt-outs and registries", "Collecting societies", "Court cases"]
    assert steps.listed_in == ("FMA", "LAION-DISCO-12M", "Spotify Tracks", "Alpha Set")
    assert steps.no_route == ("Alpha Set",)
    data = steps.to_json()
    assert data["checked"] == "2026-11-30" and NOT_LEGAL_ADVICE in data["notice"].lower()
    every = [i for s in data["sections"] for i in s["items"]]
    assert all(i["source"].startswith("https://") and i["checked"] for i in every)


def test_a_dataset_without_a_host_shows_no_host_section() -> None:
    steps = load_guidance(SHIPPED).next_steps([("audioset", "AudioSet")])
    assert [s.title for s in steps.sections][:2] == ["AudioSet", "Opt-outs and registries"]


# --- reading it from a running bot or a command -----------------------------------------------

def test_the_guidance_lives_beside_the_manifest(tmp_path: Path) -> None:
    assert guidance_path(tmp_path / "data" / "datasets.yaml") == tmp_path / "data" / "guidance.yaml"


def test_a_broken_file_is_warned_about_in_one_line_and_answers_go_on_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    path = write(tmp_path, document(notice="No disclaimer here."))
    with caplog.at_level(logging.WARNING, logger="bot.datasets.guidance"):
        assert read_guidance(path) is None
    [record] = caplog.records
    assert str(path) in record.getMessage() and "notice" in record.getMessage()
    assert read_guidance(tmp_path / "none.yaml") is None  # no file: nothing to warn about


def test_a_running_bot_reads_the_file_again_when_it_changes(tmp_path: Path) -> None:
    path = write(tmp_path, document())
    source = GuidanceFile(path)
    first = source.current()
    assert first is not None and source.current() is first  # unchanged: not read again
    changed = copy.deepcopy(document())
    changed["datasets"]["alpha"]["items"][0]["title"] = "Write to the new address"
    write(tmp_path, changed)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = source.current()
    assert second is not None and second.datasets["alpha"].items[0].title == (
        "Write to the new address")
    path.unlink()
    assert source.current() is None
