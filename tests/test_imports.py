"""The package's import graph: no cycles, and run-time code never imports training or evaluation code."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"
BUILD_TIME = ("thai_extract.training", "thai_extract.eval")
"""Imported by the CLI's train/eval commands and by each other, never by run-time modules."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("thai_extract", *(p for p in parts if p != "__init__")))


def import_graph() -> dict[str, set[str]]:
    """Module -> the thai_extract modules it imports (at any depth of its code, late imports included)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                candidates = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            for candidate in candidates:
                if candidate in modules and candidate != name:
                    targets.add(candidate)
                    break
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_run_time_code_never_imports_training_or_evaluation_code():
    graph = import_graph()
    entry_points = ("thai_extract.cli",)  # the CLI wires the train and eval commands
    offenders = {name: sorted(t for t in targets if t.startswith(BUILD_TIME))
                 for name, targets in graph.items()
                 if not name.startswith(BUILD_TIME) and name not in entry_points}
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_the_cli_starts_without_pandas():
    # pandas costs ~0.3 s of every start-up and every worker; only loading the output needs it.
    import subprocess
    import sys

    probe = "import sys, thai_extract.cli; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
