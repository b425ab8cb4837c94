"""The house rules, read from the code itself: knowledge in the lexicon, policy in one module, layers that hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "summariser"
MODULES = sorted(PACKAGE.rglob("*.py"))
# Where word lists and tuned numbers may live: the lexicon (knowledge) and the policy module.
KNOWLEDGE = {PACKAGE / "lexicon", PACKAGE / "flow" / "decide.py"}
LONGEST_LIST = 8
LONGEST_MODULE = 400
LONGEST_FUNCTION = 60


def strings(node: ast.AST) -> int:
    """How many string constants a literal lists (a dict counts only when its keys and values are strings)."""
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    if isinstance(node, ast.Dict):
        return sum(isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant)
                   for k, v in zip(node.keys, node.values, strict=True))
    return 0


def word_lists(source: str) -> list[int]:
    """Lines of the literals of more than LONGEST_LIST strings in a module (`__all__` is a list of names)."""
    tree = ast.parse(source)
    public = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)}
    return [n.lineno for n in ast.walk(tree) if strings(n) > LONGEST_LIST and id(n) not in public]


def ours(path: Path) -> set[str]:
    """The packages of ours a module imports (relative imports resolved), e.g. {"evidence", "text"}."""
    here = path.relative_to(PACKAGE).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = [*base, *(node.module or "").split(".")] if node.module else [*base]
                names = [target] if node.module else [[*base, a.name] for a in node.names]
            elif (node.module or "").startswith("summariser."):
                names = [node.module.split(".")[1:]]  # type: ignore[union-attr]
            else:
                continue
            found |= {parts[0].removesuffix(".py") for parts in names if parts and parts[0]}
    return found


def test_the_check_finds_a_word_list() -> None:
    assert word_lists('WORDS = {"a", "b", "c", "d", "e", "f", "g", "h", "i"}\n') == [1]
    assert word_lists('A = {"a": "x", "b": "y", "c": "z", "d": "w", "e": "v", "f": "u", "g": "t", "h": "s", "i": "r"}\n') == [1]
    assert word_lists('__all__ = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]\nSMALL = {"a", "b"}\n') == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_word_lists_live_in_the_lexicon_or_the_policy(path: Path) -> None:
    if any(path == place or place in path.parents for place in KNOWLEDGE):
        return
    assert word_lists(path.read_text(encoding="utf-8")) == [], f"{path}: move the list to summariser/lexicon/"


def test_every_lexicon_list_says_where_it_came_from() -> None:
    for path in (PACKAGE / "lexicon").glob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line[:1].isupper() and " = " in line and line.split(" = ")[0].isupper():
                assert lines[i - 1].startswith("#"), f"{path.name}:{i + 1}: {line.split(' = ')[0]} has no provenance line"


def test_the_lexicon_imports_nothing_of_ours() -> None:
    for path in (PACKAGE / "lexicon").glob("*.py"):
        assert ours(path) == set(), path


def test_the_evidence_layer_and_grounding_do_not_import_each_other() -> None:
    for path in (PACKAGE / "evidence").glob("*.py"):
        assert "briefing" not in ours(path), path
    for path in (PACKAGE / "briefing").glob("*.py"):
        assert "evidence" not in ours(path), path
    assert ours(PACKAGE / "briefing" / "model.py") == set()


def test_modules_and_functions_stay_small() -> None:
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= LONGEST_MODULE, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "build_parser":
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= LONGEST_FUNCTION, f"{path}:{node.lineno} {node.name} has {length} lines"
