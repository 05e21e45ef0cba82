"""Imports flow one way: capexwatch (CLI) -> crawler / review / alerts -> extract / store.

extract and store import nothing of ours; alerts imports only store.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
OURS = {"alerts", "capexwatch", "crawler", "extract", "review", "store"}
ALLOWED = {
    "capexwatch": OURS,
    "crawler": {"crawler", "extract", "store"},
    "alerts": {"alerts", "store"},
    "extract": {"extract"},
    "review": {"review", "extract", "store"},
    "store": {"store"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_flow_one_way(package: str) -> None:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, f"{package}/ has no modules"
    wrong = {
        str(module.relative_to(ROOT)): sorted(imported_packages(module) - ALLOWED[package])
        for module in modules
        if imported_packages(module) - ALLOWED[package]
    }
    assert not wrong, f"{package} must import only {sorted(ALLOWED[package])}: {wrong}"
