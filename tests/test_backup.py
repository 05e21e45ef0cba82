"""``capexwatch backup`` copies a SQLite database consistently while another process writes to it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from capexwatch.cli import main
from store import upgrade_database

FIGURES_PER_ARTICLE = 5

WRITER = textwrap.dedent(
    f"""
    import sys
    from datetime import UTC, datetime
    from decimal import Decimal
    from store import NewArticle, NewFigure, open_database, session_factory, add_article

    engine = open_database(sys.argv[1])
    sessions = session_factory(engine)
    print("ready", flush=True)
    for number in range(int(sys.argv[2])):
        text = f"Article {{number}}: " + " ".join(f"$1{{k}}bn." for k in range({FIGURES_PER_ARTICLE}))
        figures = []
        for k in range({FIGURES_PER_ARTICLE}):
            written = f"$1{{k}}bn"
            start = text.index(written)
            figures.append(NewFigure(amount=Decimal(10 + k) * 10**9, amount_high=None, currency="USD", year=None,
                source=None, subject=None, text=written, sentence=text, start=start, end=start + len(written)))
        article = NewArticle(url=f"https://x/{{number}}", canonical_url=None, title=None, outlet=None, author=None,
            published=None, fetched=datetime.now(UTC), text=text, source_name="s")
        with sessions.begin() as session:
            add_article(session, article, figures)
    """
)


def test_backup_during_writes_is_consistent_and_refuses_to_overwrite(tmp_path: Path) -> None:
    database = tmp_path / "live.db"
    url = f"sqlite:///{database}"
    upgrade_database(url)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, "400"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        runner = CliRunner()
        copies = []
        for number in range(3):  # while the writer commits article after article
            copy = tmp_path / f"copy{number}.db"
            result = runner.invoke(main, ["--db", url, "backup", str(copy)])
            assert result.exit_code == 0, result.output
            copies.append(copy)
    finally:
        status = writer.wait(timeout=120)
        if writer.stdout is not None:
            writer.stdout.close()
    assert status == 0
    for copy in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            per_article = connection.execute(
                "SELECT a.id, count(f.id) FROM articles a LEFT JOIN figures f ON f.article_id = a.id GROUP BY a.id"
            ).fetchall()
        assert all(count == FIGURES_PER_ARTICLE for _, count in per_article)  # no article without its figures
    again = CliRunner().invoke(main, ["--db", url, "backup", str(copies[0])])
    assert again.exit_code == 1 and "exists; choose a new file name" in again.output


def test_backup_of_postgresql_points_to_pg_dump() -> None:
    result = CliRunner().invoke(main, ["--db", "postgresql+psycopg://u@127.0.0.1/x", "backup", "out.db"])
    assert result.exit_code == 1 and "pg_dump" in result.output
