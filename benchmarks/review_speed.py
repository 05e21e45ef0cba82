"""How long the review app takes per decision: approve a figure, then load the queue it returns to.

A reviewer clears the queue one key press at a time; each press is a form post, a redirect and a
new queue page. This measures that round trip through the real stack — waitress on 127.0.0.1,
Flask, the database — for ``--figures`` pending figures (real rows, stored with ``add_article``),
signed in as a real user, over HTTP with ``urllib`` (so the time includes what a browser waits
for, minus its rendering).

    python benchmarks/review_speed.py [--figures 50] [--db URL]

Without ``--db`` a fresh SQLite file in a temporary directory is used.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from review.app import create_app
from review.server import make_server, server_url
from store import NewArticle, NewFigure, add_article, session_factory
from store.database import open_database
from store.users import add_user

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'action="/figures/(\d+)/approve">\s*<input type="hidden" name="csrf_token" value="[^"]+">'
                     r'<input type="hidden" name="version" value="(\d+)">')  # fmt: skip


def seed(url: str, figures: int) -> None:
    engine = open_database(url)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with session_factory(engine).begin() as session:
        add_user(session, "bench", "bench-password")
        for n in range(figures):
            text = f"Company {n} plans to spend ${n + 1}bn on data centres in 2026, Reuters reported."
            written = f"${n + 1}bn"
            at = text.index(written)
            add_article(
                session,
                NewArticle(url=f"https://bench.example/{n}", canonical_url=None, title=f"Story {n}", outlet="Reuters",
                           author=None, published=start + timedelta(hours=n), fetched=start, text=text,
                           source_name="bench"),
                [NewFigure(amount=Decimal(n + 1) * 10**9, amount_high=None, currency="USD", year=2026,
                           source="Reuters", subject=f"Company {n}", text=written, sentence=text, start=at,
                           end=at + len(written), metric="capex")],
            )  # fmt: skip
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=50)
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.db or f"sqlite:///{Path(scratch) / 'bench.db'}"
        seed(url, args.figures)
        engine = open_database(url)
        server = make_server(create_app(engine), "127.0.0.1", 0)
        threading.Thread(target=server.run, daemon=True).start()
        base = server_url(server)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

        def fetch(path: str, form: dict[str, str] | None = None) -> str:
            data = urllib.parse.urlencode(form).encode() if form is not None else None
            with opener.open(base.rstrip("/") + path, data=data, timeout=30) as response:
                return response.read().decode("utf-8")

        page = fetch("/sign-in")
        page = fetch("/sign-in", {"name": "bench", "password": "bench-password", "csrf_token": TOKEN.findall(page)[0]})
        timings: list[float] = []
        while match := VERSION.search(page):
            figure_id, version = match.groups()
            began = time.perf_counter()
            page = fetch(f"/figures/{figure_id}/approve",
                         {"csrf_token": TOKEN.findall(page)[0], "version": version, "next": "/"})  # fmt: skip
            timings.append(time.perf_counter() - began)
        server.close()
        engine.dispose()
    if len(timings) != args.figures:
        print(f"expected {args.figures} decisions, made {len(timings)}", file=sys.stderr)
        return 1
    ms = sorted(t * 1000 for t in timings)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{len(ms)} decisions (approve + the queue page after it): median {statistics.median(ms):.1f} ms, "
          f"p95 {p95:.1f} ms, total {sum(ms) / 1000:.2f} s")  # fmt: skip
    print(f"command: python benchmarks/review_speed.py --figures {args.figures}" + (" --db URL" if args.db else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
