"""The README documents every command, option and configuration key (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from capexwatch.cli import main
from capexwatch.config import SOURCE_KEYS, TABLES

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented(name: str) -> None:
    assert f"`capexwatch {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, cmd in sorted(main.commands.items())
        for param in cmd.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--")
    ],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    rows = [line for line in README.splitlines() if f"`capexwatch {command}" in line]
    assert any(option in row for row in rows), f"{option} of `capexwatch {command}` is not in its README rows"


@pytest.mark.parametrize(
    "key",
    [f"[{table}] {key}" for table, keys in TABLES.items() for key in keys]
    + [f"[[sources]] {key}" for key in SOURCE_KEYS],
)
def test_every_configuration_key_is_documented(key: str) -> None:
    assert re.search(rf"`{re.escape(key)}`", README), key


def test_readme_states_both_setup_commands() -> None:
    assert "pip install -e ." in README and "capexwatch demo" in README
    assert "python -m pytest" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci and "pip install -q -e '.[test]'" in ci
