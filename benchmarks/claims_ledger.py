"""Claims-stage speed: figures per second through the ledger (assignment, matching in SQL, alerts).

Stores ``--articles`` synthetic articles of three figures each (a subject out of 50, a year out of 6,
an amount that repeats a known one half of the time, a USD equivalent beside a yuan amount, one
figure without a year) in a fresh database, then times ``assign_claims`` and ``record_claim_alerts``
over all of them in one transaction, as a first nightly run on a large backlog would.

    python benchmarks/claims_ledger.py --articles 2000 [--db postgresql+psycopg://postgres@127.0.0.1/bench]

Without ``--db`` it uses a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import random
import shlex
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from alerts.ledger import assign_claims, summarise
from alerts.outbox import record_claim_alerts
from alerts.settings import AlertSettings
from store.database import open_database, session_factory
from store.queries import add_article
from store.rates import RateTable
from store.records import NewArticle, NewFigure
from store.runs import create_run


def fill(url: str, articles: int, seed: int = 7) -> int:
    """Store the synthetic articles; returns how many figures."""
    rng = random.Random(seed)
    engine = open_database(url)
    sessions = session_factory(engine)
    figures = 0
    with sessions.begin() as session:
        run_id = create_run(session).id
        for number in range(articles):
            subject = f"Company {rng.randrange(50)}"
            year = 2024 + rng.randrange(6)
            billions = rng.choice([10, 20, 30, 40]) if rng.random() < 0.5 else rng.randrange(1, 400)
            usd = round(billions * 0.137, 1)
            text = f"{subject} plans Rmb{billions}bn (${usd}bn) of capex in {year}; rivals spent Rmb5bn. #{number}"
            said = [(f"Rmb{billions}bn", Decimal(billions) * 10**9, "CNY", year, 1),
                    (f"${usd}bn", Decimal(str(usd)) * 10**9, "USD", year, 1),
                    ("Rmb5bn", Decimal(5 * 10**9), "CNY", None, 2)]  # fmt: skip
            new_figures = []
            for written, amount, currency, figure_year, claim in said:
                start = text.index(written)
                new_figures.append(NewFigure(
                    amount=amount, amount_high=None, currency=currency, year=figure_year, source="Wire",
                    subject=subject, text=written, sentence=text, start=start, end=start + len(written),
                    metric="capex", claim=claim,
                ))  # fmt: skip
            published = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=number)
            article = add_article(session, NewArticle(
                url=f"https://bench.example/{number}", canonical_url=None, title=f"Story {number}", outlet="Wire",
                author=None, published=published, fetched=datetime.now(UTC), text=text, source_name="bench",
            ), new_figures)  # fmt: skip
            assert article is not None
            article.run_id = run_id
            for figure in article.figures:
                figure.run_id = run_id
            figures += len(new_figures)
    engine.dispose()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--db", default=None, help="an empty database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.db or f"sqlite:///{Path(scratch) / 'bench.db'}"
        figures = fill(url, args.articles)
        engine = open_database(url)
        sessions = session_factory(engine)
        settings = AlertSettings(notify=("json://127.0.0.1:9/unused",))
        started = time.perf_counter()
        with sessions.begin() as session:
            events = assign_claims(session, RateTable.load(session), run_id=None)
            alerts = record_claim_alerts(session, events, settings, run_id=None)
        elapsed = time.perf_counter() - started
        engine.dispose()
    counts = summarise(events)
    print(f"claims stage: {figures} figures in {elapsed:.2f} s = {figures / elapsed:.0f} figures/s")
    print(f"  groups: {counts} · alerts recorded: {len(alerts)}")
    print("  command: python " + " ".join(shlex.quote(a) for a in ["benchmarks/claims_ledger.py", *sys.argv[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
