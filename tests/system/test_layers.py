"""The layers are a rule: pyproject.toml's import contracts hold; one backward import breaks them.

`lint-imports` runs on the real tree, then on copies of `bot/` with one import added that points
up a layer (or at discord.py from outside `bot/discordbot`): each copy must fail. The layer order
is read from pyproject.toml, so every boundary declared there is tried. Static analysis only:
nothing is imported from the copies, nothing leaves the machine.
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import REPO

CONFIG = REPO / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contracts() -> dict[str, dict[str, object]]:
    """The import-linter contracts of pyproject.toml, by id."""
    with CONFIG.open("rb") as file:
        declared = tomllib.load(file)["tool"]["importlinter"]["contracts"]
    return {contract["id"]: contract for contract in declared}


def layers() -> list[list[str]]:
    """The layers from highest to lowest, each a list of the parts of `bot` it holds."""
    declared = contracts()["layers"]["layers"]
    assert isinstance(declared, list)
    return [[part.strip() for part in re.split(r"[|:]", layer)] for layer in declared]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """pyproject.toml's contracts checked against the `bot` package under `root`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(CONFIG)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True, text=True, timeout=120, check=False)


def copy_of_bot(tmp_path: Path) -> Path:
    """A folder holding a copy of `bot/`."""
    shutil.copytree(REPO / "bot", tmp_path / "bot",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def copy_with_import(tmp_path: Path, importer: str, statement: str) -> Path:
    """A copy of `bot/` whose module `importer` (a dotted name) ends with `statement`."""
    copy_of_bot(tmp_path)
    path = tmp_path.joinpath(*importer.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    with source.open("a", encoding="utf-8") as file:
        file.write(f"\n{statement}  # pointing the wrong way, on purpose\n")
    return tmp_path


def boundaries() -> list[tuple[str, str]]:
    """(lower, upper): a part of each layer and a part of the layer just above it."""
    order = layers()
    return [(below[0], above[0]) for above, below in itertools.pairwise(order)]


def test_the_real_tree_keeps_every_contract() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("lower", "upper"), boundaries(), ids=lambda part: part)
def test_importing_the_layer_above_breaks_the_layers(
    tmp_path: Path, lower: str, upper: str
) -> None:
    root = copy_with_import(tmp_path, f"bot.{lower}", f"import bot.{upper}")
    result = lint_imports(root)
    assert result.returncode != 0
    assert f"bot.{lower} is not allowed to import bot.{upper}" in result.stdout, result.stdout


def test_independent_siblings_may_not_import_each_other(tmp_path: Path) -> None:
    root = copy_with_import(tmp_path, "bot.devtools", "import bot.discordbot")
    result = lint_imports(root)
    assert result.returncode != 0
    assert "bot.devtools is not allowed to import bot.discordbot" in result.stdout, result.stdout


def test_a_part_of_bot_not_given_a_layer_breaks_the_layers(tmp_path: Path) -> None:
    root = copy_of_bot(tmp_path)
    (root / "bot" / "web.py").write_text('"""A front end nobody placed."""\n', encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode != 0
    assert "not listed as layers" in result.stdout and "- bot.web" in result.stdout


@pytest.mark.parametrize("importer", ["bot.search.scoring", "bot.cli.render", "bot.service"])
def test_discord_imported_outside_the_discord_layer_breaks_the_rule(
    tmp_path: Path, importer: str
) -> None:
    root = copy_with_import(tmp_path, importer, "import discord")
    result = lint_imports(root)
    assert result.returncode != 0
    broken = "Nothing outside bot.discordbot imports discord.py BROKEN"
    assert broken in result.stdout, result.stdout
    assert f"{importer} -> discord" in result.stdout


def names_bound(init: Path) -> set[str]:
    """Names a package's `__init__.py` binds at its top level."""
    names: set[str] = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_no_package_hides_a_submodule_behind_a_name_it_binds() -> None:
    """`import bot.fetch.download` must give the module, never a function re-exported as
    `bot.fetch.download` by the package."""
    hidden = []
    for init in sorted(REPO.glob("bot/**/__init__.py")):
        package = init.parent
        submodules = {p.stem for p in package.glob("*.py")} | {
            p.name for p in package.iterdir() if (p / "__init__.py").exists()}
        hidden += [f"{package.relative_to(REPO)}: {name}"
                   for name in sorted(names_bound(init) & (submodules - {"__init__"}))]
    assert not hidden, hidden
