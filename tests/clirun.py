"""Run ``capexwatch`` as its own process (Scrapy's reactor cannot restart inside one process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

ROOT = Path(__file__).parent.parent
CLI = [sys.executable, "-c", "from capexwatch.cli import main; main()"]


def capexwatch(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """``capexwatch ARGS`` in ``cwd`` with a clean environment (plus ``env``)."""
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore", **(env or {})},
    )  # fmt: skip


def write_config(path: Path, base_url: str, feeds: list[str], notify: list[str], extra: str = "") -> Path:
    """A configuration with one feed source per name in ``feeds`` (``<base>/<feed>/rss.xml``)."""
    sources = "".join(
        f'[[sources]]\nname = "{feed}"\nkind = "feed"\nurl = "{base_url}/{feed}/rss.xml"\n\n' for feed in feeds
    )
    notify_list = ", ".join(f'"{url}"' for url in notify)
    path.write_text(
        '[watch]\nsubject = "ByteDance"\naliases = ["TikTok owner"]\n'
        'topics = ["capex", "capital expenditure", "capital spending", "data centre", "chips"]\n\n'
        "[crawl]\nretries = 0\n\n"
        f"[alerts]\nnotify = [{notify_list}]\n{extra}\n" + sources,
        encoding="utf-8",
    )
    return path


def invoke(*args: str) -> Result:
    """``capexwatch ARGS`` in this process (click's runner): for commands that do not crawl, so cheap
    enough to call often. Configuration comes from ``--config``/``--db`` in ``args``."""
    from capexwatch.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)
