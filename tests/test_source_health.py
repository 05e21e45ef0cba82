"""Source health: one alert after N consecutive failed or empty runs of a source, one on recovery.

The stage runs over what runs recorded (``run_sources``, from the crawl report's per-source data) on
a real store. Real crawls of a feed that breaks and comes back, with the alerts delivered to a local
webhook, are part of tests/test_nightly_alerts.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from alerts.health import check_sources
from alerts.settings import AlertSettings
from store.database import open_database, session_factory
from store.runs import create_run, finish_run, record_source_counts

OK = {"failed": False, "listed": 4, "pages_fetched": 1, "articles": 1, "figures": 2, "errors": {}}
BROKEN = {"failed": True, "listed": 0, "pages_fetched": 0, "articles": 0, "figures": 0, "errors": {"http_500": 1}}
EMPTY = {"failed": False, "listed": 0, "pages_fetched": 0, "articles": 0, "figures": 0, "errors": {}}


@pytest.fixture
def night(database_url: str):
    """Record one run with the given per-source entries and return the health changes it caused."""
    engine = open_database(database_url)
    sessions = session_factory(engine)
    settings = AlertSettings(notify=("json://127.0.0.1:9/unused",), source_failures=3)

    def run(per_source: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
        with sessions.begin() as session:
            run_id = create_run(session).id
            record_source_counts(session, run_id, per_source)
            changes = check_sources(session, run_id, settings, {"Wire": "https://wire.example/rss.xml"})
            finish_run(session, run_id, "completed")
            return [(c.source, c.state) for c in changes]

    yield run
    engine.dispose()


def test_one_alert_after_n_bad_runs_and_one_on_recovery(night) -> None:
    assert night({"Wire": BROKEN, "Other": OK}) == []
    assert night({"Wire": EMPTY, "Other": OK}) == []  # listing nothing counts like failing
    assert night({"Wire": BROKEN, "Other": OK}) == [("Wire", "down")]
    assert night({"Wire": BROKEN, "Other": OK}) == []  # told once
    assert night({"Wire": OK, "Other": OK}) == [("Wire", "recovered")]
    assert night({"Wire": OK, "Other": OK}) == []


def test_a_good_run_resets_the_count_and_other_runs_do_not_count(night) -> None:
    assert night({"Wire": BROKEN}) == []
    assert night({"Wire": BROKEN}) == []
    assert night({"Wire": OK}) == []
    assert night({"Other": OK}) == []  # `crawl --source Other`: Wire was not crawled
    assert night({"Wire": BROKEN}) == []
    assert night({"Wire": BROKEN}) == []
    assert night({"Wire": BROKEN}) == [("Wire", "down")]
