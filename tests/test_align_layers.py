"""The align package's modules import only the steps before them, and never the judge."""

from __future__ import annotations

import ast
from importlib import resources

# The steps in order; a module may import any module listed before it.
LAYERS = [
    "words",
    "places",
    "measures",
    "facts",
    "checks",
    "relations",
    "labels",
    "slots",
    "match_numbers",
    "match_dates",
    "match_quotes",
    "pipeline",
]


def _imports(module: str) -> set[str]:
    source = resources.files("factdiff.align").joinpath(f"{module}.py").read_text(encoding="utf-8")
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_of_the_package_is_a_listed_step() -> None:
    files = {p.name[:-3] for p in resources.files("factdiff.align").iterdir() if p.name.endswith(".py")}
    assert files - {"__init__"} == set(LAYERS)


def test_each_step_imports_only_earlier_steps_and_never_the_judge() -> None:
    for i, module in enumerate(LAYERS):
        imported = _imports(module)
        assert not any(m == "factdiff.judge" or m.startswith("factdiff.judge.") for m in imported), module
        own = {m.removeprefix("factdiff.align.") for m in imported if m.startswith("factdiff.align.")}
        assert own <= set(LAYERS[:i]), (module, own - set(LAYERS[:i]))
