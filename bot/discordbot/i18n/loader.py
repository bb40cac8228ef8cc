"""The message catalogue: one folder of Fluent files per shipped locale, English the source.

Every sentence a person reads comes from `locales/<locale>/*.ftl`. A locale Discord sends that
is not shipped falls back to one of the same language (es-419 reads es-ES), then to English; a
message missing from a shipped locale (the tests forbid it) falls back to English as well.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from fluent.runtime import FluentBundle
from fluent.syntax import ast as fluent_ast
from fluent.syntax.parser import FluentParser

from bot.errors import Value as Value  # what a message's variables may be

log = logging.getLogger(__name__)

SOURCE = "en-US"
# Discord's locale codes (discord.Locale values), English first.
SHIPPED = ("en-US", "es-ES", "pt-BR", "de", "fr")


class CatalogueError(Exception):
    """A shipped Fluent file does not parse: a bug in the release, found at start."""


def resolve(code: str) -> str:
    """The shipped locale that serves `code`: itself, one of its language, else English."""
    if code in SHIPPED:
        return code
    language = code.split("-")[0].lower()
    for shipped in SHIPPED:
        if shipped.split("-")[0].lower() == language:
            return shipped
    return SOURCE


def locales_folder() -> Traversable:
    """Where the .ftl files are, inside the installed package."""
    return files("bot.discordbot").joinpath("locales")


def parse_folder(folder: Traversable) -> list[fluent_ast.Resource]:
    """Every .ftl file of one locale, parsed; a syntax error anywhere raises."""
    resources = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".ftl"):
            continue
        resource = FluentParser().parse(entry.read_text(encoding="utf-8"))
        junk = [item for item in resource.body if isinstance(item, fluent_ast.Junk)]
        if junk:
            raise CatalogueError(f"{folder.name}/{entry.name} does not parse: "
                                 f"{(junk[0].content or '').strip()[:200]!r}")
        resources.append(resource)
    return resources


class Catalogue:
    """The shipped locales' bundles, formatting one message at a time."""

    def __init__(self, folder: Traversable) -> None:
        self.bundles: dict[str, FluentBundle] = {}
        for locale in SHIPPED:
            # use_isolating=False: no bidi marks around each value; our texts are left to right
            # and Discord would show the marks in code spans and copies.
            bundle = FluentBundle([locale], use_isolating=False)
            for resource in parse_folder(folder.joinpath(locale)):
                bundle.add_resource(resource)
            self.bundles[locale] = bundle

    def format(self, locale: str, key: str, args: Mapping[str, Value] | None = None,
               attribute: str | None = None) -> str:
        """Message `key` (or one of its attributes) in `locale`, else in English.

        An unknown key is a programming error (KeyError); a formatting problem (a variable not
        given) is logged and the text is still shown, with the variable's name in its place.
        """
        bundle = self.bundles[resolve(locale)]
        if not bundle.has_message(key):
            log.warning("message %r missing in %s: shown in English", key, locale)
            bundle = self.bundles[SOURCE]
            if not bundle.has_message(key):
                raise KeyError(f"no message {key!r} in the catalogue")
        message = bundle.get_message(key)
        pattern = message.attributes.get(attribute) if attribute else message.value
        if pattern is None:
            raise KeyError(f"message {key!r} has no {attribute or 'value'}")
        text, errors = bundle.format_pattern(pattern, dict(args or {}))
        for error in errors:
            log.error("message %r in %s: %s", key, bundle.locales[0], error)
        return str(text)

    def has(self, locale: str, key: str) -> bool:
        """Whether the shipped `locale` itself (no fallback) has message `key`."""
        return self.bundles[locale].has_message(key)


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, read once per process."""
    return Catalogue(locales_folder())
