"""Crawl throughput: pages per second through the whole pipeline, on a local copy of real pages.

Serves a directory of saved pages (``*.html.gz``) on 127.0.0.1 behind a generated news sitemap,
crawls it end to end (fetch, text extraction, relevance, figures, store) into a temporary SQLite
database, and prints pages/s and how many articles were kept. Politeness delays are off (the
server is local): this measures the crawler's own cost per page, not a publisher's patience.

    python benchmarks/crawl_throughput.py --corpus /path/to/html

With a corpus of pages not about the watch (e.g. a generic news corpus), ``kept`` should be 0:
most pages stop at the relevance check. ``--watch-everything`` uses a watch that nearly every
English page matches ("the" + "a"), so every page also goes through figure extraction and the
store: the cost of a page that is kept.
"""

from __future__ import annotations

import argparse
import gzip
import shlex
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from crawler.run import run_crawl
from crawler.sources import Source
from extract.watch import DEFAULT_WATCH, Watch

#: Matches nearly any English article: measures the full per-page cost (figures, store).
EVERYTHING = Watch(subject="the", topics=("a",))

BENCH_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 0,
    "LOG_LEVEL": "WARNING",
}


def load_pages(corpus: Path, limit: int | None) -> dict[str, bytes]:
    """``{name: html bytes}`` for every ``*.html.gz`` in ``corpus`` (sorted, so runs repeat)."""
    files = sorted(corpus.glob("*.html.gz"))[:limit]
    if not files:
        raise SystemExit(f"no *.html.gz pages in {corpus}")
    return {path.name[: -len(".html.gz")]: gzip.decompress(path.read_bytes()) for path in files}


def news_sitemap(base_url: str, names: list[str]) -> bytes:
    """A news sitemap listing every page (what a publisher's nightly sitemap looks like)."""
    urls = "".join(
        f"<url><loc>{escape(base_url)}/pages/{escape(name)}.html</loc><news:news><news:publication>"
        f"<news:name>Benchmark</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>2026-01-01T00:00:00Z</news:publication_date>"
        f"<news:title>Page {escape(name[:12])}</news:title></news:news></url>"
        for name in names
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
    ).encode()


@contextmanager
def serve_corpus(pages: dict[str, bytes]) -> Iterator[str]:
    """Serve ``/sitemap.xml`` and ``/pages/<name>.html`` on 127.0.0.1 (port 0); yield the base URL."""
    state: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/sitemap.xml":
                body, kind = state["sitemap"], "application/xml"
            elif self.path.startswith("/pages/") and self.path.endswith(".html"):
                page = pages.get(self.path[len("/pages/") : -len(".html")])
                if page is None:
                    return self._send(404, b"not found", "text/plain")
                body, kind = page, "text/html"
            else:
                return self._send(404, b"not found", "text/plain")
            self._send(200, body, kind)

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    base_url = f"http://127.0.0.1:{server.server_port}"
    state["sitemap"] = news_sitemap(base_url, list(pages))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of *.html.gz pages")
    parser.add_argument("--limit", type=int, default=None, help="crawl only the first N pages")
    parser.add_argument("--watch-everything", action="store_true",
                        help="keep (almost) every page, to time figure extraction and storing too")
    args = parser.parse_args(argv)
    pages = load_pages(args.corpus, args.limit)
    size_mb = sum(len(p) for p in pages.values()) / 1e6
    with tempfile.TemporaryDirectory() as workdir, serve_corpus(pages) as base_url:
        database_url = f"sqlite:///{Path(workdir) / 'bench.db'}"
        source = Source(name="benchmark sitemap", kind="sitemap", url=f"{base_url}/sitemap.xml")
        started = time.perf_counter()
        watch = EVERYTHING if args.watch_everything else DEFAULT_WATCH
        report = run_crawl([source], watch, database_url, settings_overrides=BENCH_SETTINGS)
        elapsed = time.perf_counter() - started
    fetched = report.pages_fetched
    print(f"watch:          {watch.subject!r} + {', '.join(watch.topics)}")
    print(f"pages served:   {len(pages)} ({size_mb:.1f} MB of HTML)")
    print(f"pages fetched:  {fetched}")
    print(f"elapsed:        {elapsed:.2f} s (including spaCy load and database migration)")
    print(f"throughput:     {fetched / elapsed:.1f} pages/s")
    print(f"articles kept:  {report.articles_kept}")
    print(f"figures found:  {report.figures_found}")
    print(f"errors:         {report.errors or 'none'}")
    print(f"dropped:        {report.per_source[source.name]['dropped']}")
    command = [sys.executable, "benchmarks/crawl_throughput.py", "--corpus", str(args.corpus)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.watch_everything:
        command.append("--watch-everything")
    print(f"reproduce:      {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
