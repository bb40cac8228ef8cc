"""Reading a settings file (the config, the dataset manifest) as YAML, within bounds.

Aliases let a 1 kB document stand for a billion values ("billion laughs"), which repr() and
pydantic would then walk; a FIFO or /dev/zero has no size to check. So the bytes are read
with a cap, and the document is measured, aliases expanded, before anything is built.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml

from bot.errors import TrainedOnError

# The shipped config and manifest are a few kB, a few hundred values and 6 levels deep.
MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_VALUES = 100_000
MAX_YAML_DEPTH = 64
_TOO_DEEP = f"the document is nested more than {MAX_YAML_DEPTH} levels deep"


class _YamlTooLarge(yaml.YAMLError):
    """The document is larger, deeper or more self-referring than a settings file may be."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that measures the document, aliases expanded, before building anything."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        # The composer recurses once a level: refuse before Python's recursion limit does.
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _YamlTooLarge(_TOO_DEEP)
            return cast(yaml.Node, super().compose_node(parent, index))
        finally:
            self._depth -= 1

    def construct_document(self, node: yaml.Node) -> Any:
        _expanded_size(node, 0, {}, set())
        return super().construct_document(node)


def _expanded_size(
    node: yaml.Node, depth: int, sizes: dict[int, tuple[int, int]], open_nodes: set[int]
) -> tuple[int, int]:
    """How many values `node` stands for once aliases are expanded, and how deep it goes.

    An alias is the very node its anchor names, so each node is measured once (`sizes`) and
    a billion laughs costs a few dozen steps to refuse.
    """
    if depth >= MAX_YAML_DEPTH:
        raise _YamlTooLarge(_TOO_DEEP)
    key = id(node)
    if key in open_nodes:
        raise _YamlTooLarge("the document contains itself (a YAML alias inside its own anchor)")
    if key not in sizes:
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
        open_nodes.add(key)
        values, height = 1, 0
        for child in children:
            child_values, child_height = _expanded_size(child, depth + 1, sizes, open_nodes)
            values, height = values + child_values, max(height, child_height)
            if values > MAX_YAML_VALUES:
                break
        open_nodes.discard(key)
        sizes[key] = (values, height + 1)
    values, height = sizes[key]
    if values > MAX_YAML_VALUES:
        raise _YamlTooLarge(f"the document expands to more than {MAX_YAML_VALUES:,} values "
                            "(YAML aliases?)")
    if depth + height > MAX_YAML_DEPTH:
        raise _YamlTooLarge(_TOO_DEEP)
    return values, height


def read_yaml(path: Path, error: type[TrainedOnError], what: str) -> Any:
    """The one YAML document in `path`, within bounds; any problem is `error`, one line."""
    try:
        with path.open("rb") as handle:  # capped: /dev/zero or a FIFO has no size to check
            data = handle.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise error(f"{path}: {what} not found") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.__class__.__name__})") from None
    if len(data) > MAX_YAML_BYTES:
        raise error(f"{path}: larger than {MAX_YAML_BYTES // 1024 // 1024} MB, "
                    f"too large for a {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{path}: cannot read {what} (UnicodeDecodeError)") from None
    return parse_yaml(text, error, str(path))


def parse_yaml(text: str, error: type[TrainedOnError], source: str) -> Any:
    """The one YAML document in `text` (from `source`: a file, a variable), within bounds."""
    if len(text) > MAX_YAML_BYTES:
        raise error(f"{source}: larger than {MAX_YAML_BYTES // 1024 // 1024} MB")
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # a SafeLoader: no Python objects
    except _YamlTooLarge as exc:
        raise error(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(f"{source}: not valid YAML{where}: {problem}") from None
    except ValueError as exc:  # a value YAML parses but Python cannot hold: 2024-02-30, 10**5000
        raise error(f"{source}: not valid YAML: {exc}") from None
