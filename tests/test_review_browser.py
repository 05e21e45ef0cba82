"""One end-to-end test in a real browser: Debian's headless Chromium driven by Playwright, against
``capexwatch serve`` (waitress, the production server) on a free port of 127.0.0.1.

A reviewer signs in, clears a filtered queue with the keyboard (approve, reject with a reason,
correct a year, undo), opens the timeline, and the database is checked. The page must log no
error (a Content-Security-Policy violation would show there). Screenshots of the queue and the
timeline go to ``--screenshots DIR`` (``docs/`` refreshes the README's).
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_seed import PASSWORDS, seed_articles, seed_users
from sqlalchemy import select

from store import session_factory
from store.database import open_database
from store.decisions import review_state
from store.models import Figure, ReviewDecision

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, no sandbox (root in a container), and nothing that would reach the internet.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
ROOT = Path(__file__).parent.parent


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str, dict[str, list[int]]]]:
    """``capexwatch serve --port 0`` on a seeded database: (base URL, database URL, figure ids)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed here (apt-get install -y chromium; .ci/run installs it)")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    engine = open_database(database_url)
    with session_factory(engine).begin() as session:
        seed_users(session)
        ids = seed_articles(session)
    engine.dispose()
    server = subprocess.Popen(
        [sys.executable, "-m", "capexwatch", "--db", database_url, "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(server.stdout.readline() if server.stdout else ""), daemon=True).start()
    try:
        first = lines.get(timeout=60)  # the server prints its URL once it listens
        assert first.startswith("capexwatch review app on http://127.0.0.1:"), (first, server.stderr)
        yield first.split()[4], database_url, ids
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_a_reviewer_clears_the_queue_by_keyboard_and_sees_the_timeline(
    served: tuple[str, str, dict[str, list[int]]], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, database_url, ids = served
    shots = Path(request.config.getoption("--screenshots") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))

            page.goto(base + "?subject=ByteDance")
            assert "/sign-in" in page.url
            page.fill("input[name=name]", "ann")
            page.fill("input[name=password]", PASSWORDS["ann"])
            page.keyboard.press("Enter")
            page.wait_for_url(base + "?subject=ByteDance")
            first = ids["bloomberg-feb"][0]
            assert page.locator(".item.focused").get_attribute("data-id") == str(first)

            def decide(key: str, then_focused: int | None, *typed: str) -> None:
                """Press ``key`` (then type/press ``typed``), wait for the queue to come back."""
                with page.expect_navigation():
                    page.keyboard.press(key)
                    for text in typed:
                        if text in ("Enter", "Tab"):
                            page.keyboard.press(text)
                        else:
                            page.keyboard.type(text)
                if then_focused is None:
                    assert page.locator(".item").count() == 0
                else:
                    assert page.locator(".item.focused").get_attribute("data-id") == str(then_focused)

            revenue, servers = ids["scmp-jan"]
            # c: correct the Malaysian data centre's missing year (amount -> to -> currency -> year)
            decide("c", revenue, "Tab", "Tab", "Tab", "2026", "Enter")
            decide("x", servers, "revenue, not capex", "Enter")  # x: reject with a reason
            decide("a", ids["information-dec"][0])  # a: approve
            page.screenshot(path=str(shots / "review-queue.png"))
            decide("a", ids["ft-dec"][0])
            page.keyboard.press("j")
            assert page.locator(".item.focused").get_attribute("data-id") == str(ids["ft-dec"][1])
            page.keyboard.press("k")
            decide("a", ids["ft-dec"][1])
            decide("a", ids["reuters-jan"][0])
            decide("a", ids["reuters-jan"][1])
            decide("x", None, "repeats the yuan figure", "Enter")
            assert "Nothing pending" in page.locator(".empty").inner_text()
            decide("u", ids["reuters-jan"][1])  # u: undo my last decision -> back in the queue
            decide("a", None)

            page.click("text=Timeline")
            page.click("text=ByteDance")
            page.wait_for_selector("svg.chart circle")
            assert page.locator("svg.chart circle").count() == 6  # Reuters' two figures are one claim
            assert "2026" in page.locator("table.claims").inner_text()
            page.screenshot(path=str(shots / "review-timeline.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []

    engine = open_database(database_url)
    try:
        with session_factory(engine)() as session:
            statuses = dict(session.execute(select(Figure.id, Figure.status)).all())
            decided = [(d.figure_id, d.decision, d.reviewer, d.note) for d in
                       session.scalars(select(ReviewDecision).order_by(ReviewDecision.id))]  # fmt: skip
            bloomberg = review_state(session.get_one(Figure, ids["bloomberg-feb"][0]))
    finally:
        engine.dispose()
    assert statuses[ids["scmp-jan"][0]] == "rejected" and statuses[ids["hostile"][0]] == "pending"
    assert [s for fid, s in statuses.items() if fid not in (ids["scmp-jan"][0], ids["hostile"][0])] == ["approved"] * 7
    assert (bloomberg.status, bloomberg.effective["year"], bloomberg.corrected_fields) == ("approved", 2026, {"year"})
    assert decided[1] == (ids["scmp-jan"][0], "rejected", "ann", "revenue, not capex")
    assert [d[1] for d in decided[-3:]] == ["rejected", "undo", "approved"]
    assert {d[2] for d in decided} == {"ann"}
    for shot in ("review-queue.png", "review-timeline.png"):
        assert (shots / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (shots / shot).stat().st_size > 20_000
