"""The command line through click's runner: extract, export, eval, init and configuration errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import main
from capexwatch.cli.export import EXPORT_FIELDS

SENTENCE = "ByteDance plans to spend Rmb150bn on AI infrastructure this year, Reuters reported."

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>ByteDance lifts AI budget</title>
<meta property="article:published_time" content="2025-01-23T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article>
<h1>ByteDance lifts AI budget</h1>
<p>ByteDance plans to spend Rmb150bn on AI infrastructure this year, Reuters reported on Thursday,
citing people familiar with the matter. Most of the money is meant for data centres in China.</p>
<p>The company did not reply to a request for comment about the spending plan, which would make it one
of the largest buyers of AI chips in the country.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAPEXWATCH_CONFIG", raising=False)
    monkeypatch.delenv("CAPEXWATCH_DB", raising=False)
    return CliRunner()


def lines_of_json(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_text_file_prints_figures_with_provenance(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(SENTENCE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(note), "--published", "2025-01-23"])
    assert result.exit_code == 0, result.output
    [figure] = lines_of_json(result.stdout)
    for key in ("id", "amount", "amount_high", "currency", "year", "source", "subject", "text",
                "sentence", "start", "end", "qualifier", "metric", "claim", "anonymous", "rule", "ruleset"):  # fmt: skip
        assert key in figure, key
    assert figure["id"] == str(note)
    assert (figure["amount"], figure["amount_high"], figure["currency"]) == (150_000_000_000, None, "CNY")
    assert figure["year"] == 2025  # "this year" against --published
    assert figure["subject"] == "ByteDance"
    assert figure["source"] == "Reuters"
    assert SENTENCE[figure["start"] : figure["end"]] == figure["text"] == "Rmb150bn"
    assert figure["rule"] and figure["ruleset"]


def test_extract_stdin_and_html_file(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    result = runner.invoke(main, ["extract", "-", str(page)], input="Alibaba will invest $53bn over three years.")
    assert result.exit_code == 0, result.output
    figures = lines_of_json(result.stdout)
    by_id = {f["id"]: f for f in figures}
    assert by_id["-"]["amount"] == 53_000_000_000 and by_id["-"]["currency"] == "USD"
    assert by_id["-"]["year"] is None  # a multi-year window has no single year
    html_figure = by_id[str(page)]
    assert html_figure["amount"] == 150_000_000_000
    assert html_figure["year"] == 2025  # the page's own date resolves "this year"


def test_extract_jsonl_reports_bad_lines_and_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "a", "text": SENTENCE, "published": "2026-02-01"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "text": "Tencent spent $12bn last year.", "published": "2026-02-01"}) + "\n"
        + json.dumps({"id": "c", "text": "x", "published": "1st of May"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = runner.invoke(main, ["extract", "--jsonl", str(records)])
    assert result.exit_code == 1
    figures = lines_of_json(result.stdout)
    assert [(f["id"], f["year"]) for f in figures] == [("a", 2026), ("b", 2025)]
    assert f"{records}:2: not JSON" in result.stderr
    assert f"{records}:4: \"published\" is '1st of May'" in result.stderr


def test_extract_missing_file_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1
    assert "absent.txt: cannot read" in result.stderr
    assert runner.invoke(main, ["extract"]).exit_code == 2


def test_configuration_error_exits_2_before_any_work(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[[sources]]\nname = "x"\nkind = "rss"\nurl = "https://example.com/feed"\n', encoding="utf-8")
    for command in (["crawl"], ["export"], ["init"], ["config"]):
        result = runner.invoke(main, ["--config", str(config), *command])
        assert result.exit_code == 2, command
        assert f"{config}:3: sources[0].kind: 'rss' is not valid; expected one of: feed, sitemap" in result.stderr
    assert not list(tmp_path.glob("*.db"))


def test_crawl_refuses_unknown_source_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", f"sqlite:///{tmp_path}/x.db", "crawl", "--source", "Nope"])
    assert result.exit_code == 2
    assert "no source named 'Nope'" in result.stderr


def test_crawl_distributed_needs_a_redis_url_and_a_reachable_redis(runner: CliRunner, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/x.db"
    result = runner.invoke(main, ["--db", db, "crawl", "--distributed", "http://127.0.0.1:6379/0"])
    assert result.exit_code == 2
    assert "--distributed: 'http://127.0.0.1:6379/0' is not valid; expected a Redis URL" in result.stderr
    assert not list(tmp_path.glob("*.db"))  # refused before anything ran
    result = runner.invoke(main, ["--db", db, "crawl", "--distributed", "redis://127.0.0.1:1/0"])  # nothing listens
    assert result.exit_code == 1
    assert "cannot reach Redis at redis://127.0.0.1:1/0" in result.stderr


def test_init_then_export_both_formats(runner: CliRunner, tmp_path: Path) -> None:
    from store.database import open_database, session_factory
    from store.queries import add_article
    from store.records import NewArticle, NewFigure

    url = f"sqlite:///{tmp_path}/watch.db"
    result = runner.invoke(main, ["--db", url, "init"])
    assert result.exit_code == 0 and "database ready" in result.stdout
    engine = open_database(url)
    text = "The Financial Times said ByteDance would spend Rmb160bn in 2026."
    with session_factory(engine).begin() as session:
        add_article(
            session,
            NewArticle(url="http://127.0.0.1/a", canonical_url=None, title="ByteDance budget", outlet="FT",
                       author=None, published=datetime(2025, 12, 1, tzinfo=timezone.utc),
                       fetched=datetime.now(timezone.utc), text=text, source_name="test"),  # fmt: skip
            [NewFigure(amount=Decimal("160000000000"), amount_high=None, currency="CNY", year=2026,
                       source="Financial Times", subject="ByteDance", text="Rmb160bn", sentence=text,
                       sentence_start=0, start=text.index("Rmb160bn"), end=text.index("Rmb160bn") + 8,
                       qualifier=None, metric="capex", claim=0, anonymous=False, rule="money=test",
                       ruleset="test.v0")],  # fmt: skip
        )
    engine.dispose()

    result = runner.invoke(main, ["--db", url, "export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = lines_of_json(result.stdout)
    assert set(EXPORT_FIELDS) <= set(row)
    assert (row["amount"], row["currency"], row["year"], row["status"]) == (160_000_000_000, "CNY", 2026, "pending")
    assert row["article_url"] == "http://127.0.0.1/a" and row["outlet"] == "FT"
    assert text[row["start"] : row["end"]] == row["text"]

    result = runner.invoke(main, ["--db", url, "export", "--format", "csv", "--status", "pending"])
    [csv_row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert csv_row["amount"] == "160000000000" and csv_row["amount_high"] == ""
    result = runner.invoke(main, ["--db", url, "export", "--status", "approved"])
    assert result.exit_code == 0 and result.stdout == ""


def test_eval_prints_scores_and_misses(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "g1", "text": SENTENCE, "published": "2025-01-23",
                    "figures": [{"amount": 150000000000, "amount_high": None, "currency": "CNY", "year": 2025,
                                 "source": "Reuters", "subject": "ByteDance"}]}) + "\n"
        + json.dumps({"id": "g2", "text": "Meta plans to spend $70bn next year.", "published": "2025-01-23",
                      "figures": [{"amount": 99000000000, "amount_high": None, "currency": "USD", "year": 2026,
                                   "source": None, "subject": "Meta"}]}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = runner.invoke(main, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scores"]["precision"] == pytest.approx(0.5)
    assert report["scores"]["recall"] == pytest.approx(0.5)
    assert report["counts"]["false_negatives"] == 1 and report["counts"]["false_positives"] == 1
    text = runner.invoke(main, ["eval", str(gold)])
    assert "g2" in text.stdout  # both misses of g2 are listed
    assert runner.invoke(main, ["eval", str(gold), "--check"]).exit_code == 1
