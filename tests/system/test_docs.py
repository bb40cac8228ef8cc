"""The documents cannot drift from the code: every file, test and symbol they name exists.

Reads README.md and docs/*.md. A backticked path under one of the repository's folders must
exist; a `pytest PATH::NAME` must name a test defined in that file; a `pytest PATH -k EXPR`
must select at least one collected test; a backticked `Class.member` or `path.py:symbol`
must be defined there. The README's layout must list every package and module of `bot/`.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression
from helpers import REPO

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FOLDERS = ("bot/", "tests/", "data/", "docs/", "bench/", "deploy/", ".ci/")

CODE_SPAN = re.compile(r"`([^`\n]+)`")
PYTEST_RUN = re.compile(r"pytest ((?:tests/\S+\s*)+)(?:-k (\"[^\"]+\"|\S+))?")
NODE = re.compile(r"^(tests/[\w/.-]+\.py)(?:::(\w+))?$")
BARE_TEST = re.compile(r"^test_\w+$")
MEMBER = re.compile(r"^([A-Z]\w*[a-z]\w*)\.([a-z_]\w*)$")
FILE_SYMBOL = re.compile(r"^((?:bot|tests|bench)/[\w/]+\.py):(\w+)$")


def spans() -> list[tuple[str, str]]:
    """(document name, text) of every code span in the documents."""
    return [(doc.name, span) for doc in DOCUMENTS
            for span in CODE_SPAN.findall(doc.read_text(encoding="utf-8"))]


@cache
def definitions(path: Path) -> frozenset[str]:
    """Names defined anywhere in a Python file: functions, classes, assignments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


@cache
def classes() -> dict[str, frozenset[str]]:
    """Every class in bot/ and tests/ with the names defined in its body."""
    found: dict[str, set[str]] = {}
    for path in [*REPO.glob("bot/**/*.py"), *REPO.glob("tests/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                members = found.setdefault(node.name, set())
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        members.add(item.name)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        members.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        members.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return {name: frozenset(members) for name, members in found.items()}


@cache
def collected(files: tuple[str, ...]) -> tuple[str, ...]:
    """The test ids pytest collects from `files`."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *files], cwd=REPO, capture_output=True, text=True, check=False)
    return tuple(line for line in result.stdout.splitlines() if "::" in line)


def selects(expression: str, test_id: str) -> bool:
    """pytest's -k: each name is matched case-insensitively against the id's parts."""
    parts = [p.lower() for p in re.split(r"::|\[|\]|/", test_id) if p]
    return Expression.compile(expression).evaluate(
        lambda name: any(name.lower() in part for part in parts))


def fetched_locations() -> set[str]:
    """Where the manifest puts downloaded files (not in the repository until fetched)."""
    manifest = (REPO / "data" / "datasets.yaml").read_text(encoding="utf-8")
    return {"data/" + path for path in re.findall(r"path: (\S+)", manifest)} | {
        "data/.fetch-state.json"}


def test_every_path_named_in_the_documents_exists() -> None:
    missing = []
    for doc, span in spans():
        for word in span.split():
            word = re.sub(r"(\.py):\w+$", r"\1", word.rstrip(",;.)").split("::")[0])
            if (word.startswith(FOLDERS) and not any(c in word for c in "*{<$")
                    and not (REPO / word).exists() and word not in fetched_locations()):
                missing.append(f"{doc}: {word}")
    assert not missing, missing


def pytest_commands() -> list[tuple[str, str, tuple[str, ...], str | None]]:
    """(document, span, test paths, -k expression or None) of every `pytest …` named."""
    commands = []
    for doc, span in spans():
        command = PYTEST_RUN.search(span)
        if command is not None:
            expression = command.group(2).strip('"') if command.group(2) else None
            commands.append((doc, span, tuple(command.group(1).split()), expression))
    return commands


def names_a_defined_test(word: str) -> bool:
    """`tests/x.py` exists, and so does `tests/x.py::test_y` in it."""
    node = NODE.match(word)
    if node is None or not (REPO / node.group(1)).exists():
        return False
    return not node.group(2) or node.group(2) in definitions(REPO / node.group(1))


def test_every_test_named_in_the_documents_is_defined() -> None:
    all_tests = {name for path in REPO.glob("tests/**/*.py") for name in definitions(path)
                 if name.startswith("test_")}
    missing = []
    for doc, _, targets, _ in pytest_commands():
        missing += [f"{doc}: {word}" for word in targets if not names_a_defined_test(word)]
    missing += [f"{doc}: {span}" for doc, span in spans()
                if BARE_TEST.match(span) and span not in all_tests]
    assert not missing, missing


def test_every_k_expression_in_the_documents_selects_a_test() -> None:
    empty = [f"{doc}: {span}" for doc, span, targets, expression in pytest_commands()
             if expression is not None and not any(
                 selects(expression, test_id) for test_id in collected(targets))]
    assert not empty, empty


def test_every_symbol_named_in_the_documents_is_defined() -> None:
    missing = []
    for doc, span in spans():
        member = MEMBER.match(span)
        if member and member.group(1) in classes():
            if member.group(2) not in classes()[member.group(1)]:
                missing.append(f"{doc}: {span}")
        elif member and span.split(".")[0] not in {"os", "numpy", "rapidfuzz"}:
            missing.append(f"{doc}: {span} (no class {member.group(1)})")
        symbol = FILE_SYMBOL.match(span)
        if symbol and symbol.group(2) not in definitions(REPO / symbol.group(1)):
            missing.append(f"{doc}: {span}")
    assert not missing, missing


def layout_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1]
    return section.split("```", 2)[1]


def test_the_readme_layout_lists_every_part_of_bot_and_nothing_that_is_gone() -> None:
    block = layout_block()
    first_column = " ".join(line[:29] for line in block.splitlines())
    listed = set(re.findall(r"[\w./-]+(?:/|\.py|\.md|\.yaml)", first_column))
    parts = {p.name + "/" for p in (REPO / "bot").iterdir()
             if (p / "__init__.py").exists()} | {
        p.name for p in (REPO / "bot").glob("*.py") if p.name not in {"__init__.py",
                                                                     "__main__.py"}}
    assert not parts - listed, f"not in the README's layout: {sorted(parts - listed)}"
    gone = [name for name in listed
            if not any((REPO / base / name).exists() for base in ("", "bot", "data"))]
    assert not gone, f"in the README's layout but not in the tree: {gone}"


@pytest.mark.parametrize("expression,test_id,expected", [
    ("query and empty", "tests/system/test_bad_input.py::test_query[empty]", True),
    ("query and empty", "tests/system/test_bad_input.py::test_query[one-char]", False),
    ("lost_access", "tests/test_x.py::test_lost_access_403", True),
])
def test_k_matching_follows_pytest(expression: str, test_id: str, expected: bool) -> None:
    assert selects(expression, test_id) is expected


CONSTANT = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")


@cache
def code_text() -> str:
    """Every Python file of the bot and its tests (a test may name a system constant)."""
    return "\n".join(p.read_text(encoding="utf-8")
                     for folder in ("bot", "tests") for p in REPO.glob(f"{folder}/**/*.py"))


def test_every_constant_named_in_the_documents_is_in_the_code() -> None:
    missing = [f"{doc}: {span}" for doc, span in spans()
               if CONSTANT.match(span) and not re.search(rf"\b{span}\b", code_text())]
    assert not missing, missing


def test_the_readme_names_the_test_command_ci_runs() -> None:
    """The README's second command is .ci/run; the command it says that runs is its last line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    last = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last == "ruff check . && mypy && lint-imports && pytest"
    assert f"#    {last}\n./.ci/run\n" in readme
