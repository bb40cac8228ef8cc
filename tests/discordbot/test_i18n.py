"""Every shipped language is complete, keeps Discord's rules, and reaches the people using it.

The catalogue (bot/discordbot/locales/<locale>/*.ftl) is read as Fluent source here, not only
through the bot, so that a missing message or a variable dropped in one translation fails
even where the bot would quietly fall back to English.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import discord
import pytest
from discord_double import DiscordDouble, button, embed_of, is_ephemeral
from fluent.syntax import FluentParser, ast, visitor
from helpers import REPO
from helpers.bot_world import GENERAL, GUILD_ID, UPDATES, People, bot_on, guild, seed, world
from helpers.workspace import Workspace

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import (
    ENGLISH,
    SHIPPED,
    SOURCE,
    Messages,
    catalogue,
    command_key,
    option_key,
    resolve,
)
from bot.discordbot.render import update_embed
from bot.index.report import BuildReport, DatasetChange

LOCALES = REPO / "bot" / "discordbot" / "locales"
TRANSLATED = [locale for locale in SHIPPED if locale != SOURCE]
# What Discord sends for Spanish outside Spain; served by es-ES.
LATIN_AMERICAN_SPANISH = "es-419"


# -- the catalogue itself ------------------------------------------------------------------


class _Variables(visitor.Visitor):
    """The `$variables` a pattern uses, selectors included."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def _variables(pattern: ast.Pattern | None) -> frozenset[str]:
    found = _Variables()
    if pattern is not None:
        found.visit(pattern)
    return frozenset(found.names)


def entries(locale: str) -> dict[str, dict[str | None, frozenset[str]]]:
    """Each message of `locale`: its value and attributes (None: the value) with their
    variables. A file that does not parse, or a key defined twice, fails here."""
    found: dict[str, dict[str | None, frozenset[str]]] = {}
    for path in sorted((LOCALES / locale).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [item for item in resource.body if isinstance(item, ast.Junk)]
        assert not junk, f"{path} does not parse: {junk[0].content!r}"
        for item in resource.body:
            if isinstance(item, ast.Message):
                key = item.id.name
                assert key not in found, f"{locale}: {key} is defined twice"
                parts: dict[str | None, frozenset[str]] = {}
                if item.value is not None:
                    parts[None] = _variables(item.value)
                for attribute in item.attributes:
                    parts[attribute.id.name] = _variables(attribute.value)
                found[key] = parts
    return found


def test_every_shipped_locale_has_its_folder_and_the_same_files_as_english() -> None:
    folders = sorted(p.name for p in LOCALES.iterdir() if p.is_dir())
    assert folders == sorted(SHIPPED)
    english = sorted(p.name for p in (LOCALES / SOURCE).glob("*.ftl"))
    for locale in TRANSLATED:
        assert sorted(p.name for p in (LOCALES / locale).glob("*.ftl")) == english, locale


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_english_message_is_in_the_locale_with_the_same_variables(locale: str) -> None:
    english, translated = entries(SOURCE), entries(locale)
    assert sorted(english.keys() - translated.keys()) == [], f"missing in {locale}"
    assert sorted(translated.keys() - english.keys()) == [], f"only in {locale}"
    for key, parts in english.items():
        assert translated[key].keys() == parts.keys(), f"{locale} {key}: attributes differ"
        for part, names in parts.items():
            assert translated[key][part] == names, (
                f"{locale} {key}{'.' + part if part else ''}: variables "
                f"{sorted(translated[key][part])}, English has {sorted(names)}")


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_message_formats_without_an_error(locale: str) -> None:
    bundle = catalogue().bundles[locale]
    for key, parts in entries(SOURCE).items():
        message = bundle.get_message(key)
        for part, names in parts.items():
            pattern = message.attributes[part] if part else message.value
            assert pattern is not None
            for sample in (1, 2, 12345):
                text, errors = bundle.format_pattern(pattern, dict.fromkeys(names, sample))
                assert errors == [] and text, f"{locale} {key}: {errors}"


def test_a_translation_says_it_in_its_own_language() -> None:
    """A spot check that each locale is translated, not English copied over."""
    expected = {"es-ES": "Conjuntos de datos indexados", "pt-BR": "Conjuntos de dados indexados",
                "de": "Indizierte Datensätze", "fr": "Jeux de données indexés"}
    assert ENGLISH("datasets-title") == "Indexed datasets"
    for locale, title in expected.items():
        assert Messages(locale)("datasets-title") == title
    english = entries(SOURCE)
    for locale in TRANSLATED:
        msg = Messages(locale)
        same = [key for key, parts in english.items() if None in parts
                and msg(key, **dict.fromkeys(parts[None], 2))
                == ENGLISH(key, **dict.fromkeys(parts[None], 2))]
        # Names, numbers and markup read the same in every language; sentences do not.
        assert len(same) < 25, f"{locale}: {same}"


def test_a_locale_discord_sends_that_is_not_shipped_falls_back() -> None:
    assert resolve(LATIN_AMERICAN_SPANISH) == "es-ES"
    assert resolve("en-GB") == SOURCE and resolve("ja") == SOURCE and resolve("zh-TW") == SOURCE
    assert Messages("ja")("error-servers-only") == "This command works in servers only."
    assert Messages(LATIN_AMERICAN_SPANISH)("error-servers-only") == (
        "Este comando solo funciona en servidores.")


def test_numbers_and_plurals_follow_the_language() -> None:
    def change(tracks: int) -> BuildReport:
        return BuildReport(built_at="2026-11-25T10:00:00+00:00", seconds=1.0, tracks=12345,
                           artists=1, titles=3, datasets=[],
                           changes=[DatasetChange("g", "Gamma Set", "added", 0, tracks, 0, 1)])

    german = update_embed(change(1), Messages("de"))
    assert german.title == "Datensatz-Update"
    assert german.description == ("Der Index wurde am 2026-11-25 10:00 UTC neu aufgebaut: "
                                  "12.345 Tracks, 1 Künstler.")
    english = update_embed(change(1))
    assert english.description == ("The index was rebuilt on 2026-11-25 10:00 UTC: "
                                   "12,345 tracks, 1 artists.")
    assert Messages("de")("count-tracks-bold", tracks=1) == "**1** Track"
    assert Messages("de")("count-tracks-bold", tracks=2) == "**2** Tracks"
    assert Messages("fr")("count-tracks-bold", tracks=1234) == "**1\u202f234** morceaux"


# -- what reaches Discord ----------------------------------------------------------------------

# Discord's rule for names, ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$, spelled out with the
# standard library: letters and digits of any script, and the marks of Devanagari and Thai.
_SCRIPTS_WITH_MARKS = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x0E00, 0x0E7F))


def _allowed_in_a_name(char: str) -> bool:
    if char in "-_'" or unicodedata.category(char)[0] in "LN":
        return True
    return any(low <= ord(char) <= high for low, high in _SCRIPTS_WITH_MARKS)


def name_problem(name: str) -> str | None:
    """Why Discord would refuse `name` as a command or option name; None when it is fine."""
    if not 1 <= len(name) <= 32:
        return "not 1-32 characters"
    if not all(map(_allowed_in_a_name, name)):
        return "a character Discord does not allow"
    if name != name.lower():
        return "not lower case"
    return None


def test_the_name_rule_refuses_what_discord_refuses() -> None:
    assert name_problem("künstler") is None and name_problem("jeux-de-données") is None
    assert name_problem("खोज") is None  # Devanagari, with its vowel sign
    for bad in ("", "a" * 33, "two words", "Künstler", "what?", "a.b"):
        assert name_problem(bad) is not None, bad


def walk(options: list[dict[str, Any]], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every command, group and option of a synced command, with where it is."""
    for option in options:
        where = f"{path} {option['name']}"
        yield where, option
        yield from walk(option.get("options", []), where)


def synced(commands: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for command in commands:
        yield command["name"], command
        yield from walk(command.get("options", []), command["name"])


@asynccontextmanager
async def running(workspace: Workspace, locale: str = "en-US"
                  ) -> AsyncIterator[tuple[DiscordDouble, TrainedOnBot, People]]:
    """The bot in one server whose language (Discord's preferred locale) is `locale`."""
    people = People()
    server = guild(people)
    server.locale = locale
    async with DiscordDouble([server], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url)
        workspace.build()
        async with bot_on(double, workspace) as bot:
            await double.wait_for_commands()
            yield double, bot, people


async def test_every_command_and_option_reaches_discord_in_every_shipped_language(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, _, _):
        commands = double.commands()
    assert commands
    for where, item in synced(commands):
        names = item.get("name_localizations") or {}
        descriptions = item.get("description_localizations") or {}
        for locale in (*TRANSLATED, LATIN_AMERICAN_SPANISH):
            assert locale in names and locale in descriptions, f"/{where}: no {locale}"
        assert names[LATIN_AMERICAN_SPANISH] == names["es-ES"]
        assert not {"en-US", "en-GB"} & (names.keys() | descriptions.keys()), where
        assert names.keys() <= {locale.value for locale in discord.Locale}
        for locale, name in [("default", item["name"]), *names.items()]:
            assert name_problem(name) is None, f"/{where} in {locale}: {name!r}"
        for locale, text in [("default", item["description"]), *descriptions.items()]:
            assert 1 <= len(text) <= 100, f"/{where} in {locale}: {len(text)} characters"
    for command in commands:  # siblings need names of their own in every language
        for _, parent in [(command["name"], command), *walk(command.get("options", []), "")]:
            children = parent.get("options", [])
            for locale in TRANSLATED:
                shown = [c.get("name_localizations", {}).get(locale, c["name"])
                         for c in children]
                assert len(shown) == len(set(shown)), f"{parent['name']} in {locale}: {shown}"


async def test_the_english_catalogue_names_every_command_as_the_code_declares_it(
    workspace: Workspace,
) -> None:
    """A command added without its catalogue entries fails here, not in front of users."""
    async with world(workspace) as (_, bot, _, _):
        tree = list(bot.tree.walk_commands())
    assert tree
    for command in tree:
        key = command_key(command.qualified_name)
        assert ENGLISH(key) == command.name, key
        assert ENGLISH.attribute(key, "description") == command.description, key
        for parameter in getattr(command, "parameters", []):
            option = option_key(command.qualified_name, parameter.name)
            assert ENGLISH(option) == parameter.display_name, option
            assert ENGLISH.attribute(option, "description") == parameter.description, option


# -- what reaches people -------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "title", "refusal"), [
    ("de", "Indizierte Datensätze",
     "Dafür brauchst du die Berechtigung Server verwalten oder eine Moderatorrolle."),
    ("pt-BR", "Conjuntos de dados indexados",
     "Você precisa da permissão Gerenciar servidor ou de um cargo de moderador para fazer isso."),
    ("en-US", "Indexed datasets",
     "You need the Manage Server permission or a moderator role to do that."),
])
async def test_a_command_is_answered_in_the_language_of_whoever_used_it(
    workspace: Workspace, locale: str, title: str, refusal: str,
) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("datasets", user=people.alice, guild_id=GUILD_ID,
                                   channel_id=GENERAL, locale=locale)
        answer = embed_of((await asked.response())["data"])
        assert answer["title"] == title
        refused = await double.slash("reload", user=people.alice, guild_id=GUILD_ID,
                                     channel_id=GENERAL, locale=locale)
        response = await refused.response()
        assert is_ephemeral(response) and response["data"]["content"] == refusal


async def test_posts_to_a_channel_are_in_the_servers_language(workspace: Workspace) -> None:
    async with running(workspace, locale="fr") as (double, bot, people):
        assert bot.store is not None and bot.notifier is not None
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        report = BuildReport(built_at="2026-11-25T10:00:00+00:00", seconds=1.0, tracks=3,
                             artists=2, titles=3, datasets=[],
                             changes=[DatasetChange("gamma", "Gamma Set", "added", 0, 3, 0, 2)])
        assert (await bot.notifier.announce(report)).delivered == [UPDATES]
        (post,) = await double.channel_messages(UPDATES)
        embed = embed_of(post)
        assert embed["title"] == "Mise à jour des jeux de données"
        assert embed["fields"][0]["name"] == "Gamma Set — ajouté"


async def test_a_lookup_its_buttons_and_pages_speak_the_askers_language(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL, locale="pt-BR")
        answer = (await asked.followups())[0]
        embed = embed_of(answer)
        assert embed["title"] == "Artista: Radiohead"
        assert "**23** faixas em **2** de 2 conjuntos de dados indexados." in embed["description"]
        shown = [c.get("label") for row in answer["components"] for c in row["components"]]
        assert "Resumo" in shown and "Exportar CSV + JSON" in shown
        stranger = await double.press(button(answer, "›"), message=answer, user=people.bob,
                                      locale="de")
        refusal = await stranger.response()
        assert is_ephemeral(refusal) and refusal["data"]["content"].startswith(
            "Nur die Person, die gefragt hat, kann hier blättern")
        turned = await double.press(button(answer, "›"), message=answer, user=people.alice,
                                    locale="pt-BR")
        page = embed_of((await turned.response())["data"])
        assert page["title"] == "Artista: Radiohead — todas as faixas"
        assert page["footer"]["text"].startswith("Índice criado em ")
        assert "Página 1 de 3" in page["footer"]["text"]


async def test_help_shows_the_commands_as_typed_in_the_readers_language(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("help", user=people.alice, guild_id=GUILD_ID,
                                   channel_id=GENERAL, locale="de")
        embed = embed_of((await asked.response())["data"])
    assert embed["title"] == "Über TrainedOn"
    text = "\n".join(f["value"] for f in embed["fields"] if f["name"].startswith("Befehle"))
    assert ("`/suchen künstler name: [privat:]` — Ist dieser Künstler in den "
            "KI-Trainingsdatensätzen? · *alle*") in text
    assert "`/neu-laden` — " in text and "*Server verwalten oder eine Moderatorrolle" in text
