"""Serve the bundled demo site over HTTP on a local port, in a background thread.

Feeds, sitemaps and robots.txt need absolute URLs, which depend on the port picked at run time,
so every served text file is a template: ``{base}`` is replaced by the server's base URL when
the file is sent (plain ``str.replace``, not ``str.format``: pages contain JSON and CSS braces).
Search-feed links (``/rss/articles/<id>``) answer with a 302 to the publisher's page, like a
news search engine's tracking hop; the map lives in ``site/redirects.json``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEMO_SITE_DIR: Path = Path(__file__).resolve().parent / "site"

#: URL paths served from a differently named file (a search endpoint has no file extension).
ROUTES: dict[str, str] = {"/rss/search": "rss/search.xml"}

#: Where the redirect map is kept, relative to the site root.
REDIRECTS_FILE = "redirects.json"

_CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
_FEED_TYPES: dict[str, str] = {
    "rss.xml": "application/rss+xml; charset=utf-8",
    "search.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
}

#: How often the serving loop checks for shutdown; short, so leaving the context is quick.
_POLL_SECONDS = 0.05


def demo_sources(base_url: str) -> list[dict[str, str]]:
    """The demo site's sources, in the shape of configured sources (name, kind, url)."""
    base = base_url.rstrip("/")
    return [
        {"name": "The Harbour Ledger", "kind": "feed", "url": f"{base}/ledger/rss.xml"},
        {"name": "Circuit Notes", "kind": "feed", "url": f"{base}/circuit/atom.xml"},
        {
            "name": "News search: ByteDance capex",
            "kind": "feed",
            "url": f"{base}/rss/search?q=ByteDance+capex&hl=en-US&gl=US&ceid=US:en",
        },
        {"name": "Meridian Wire", "kind": "sitemap", "url": f"{base}/sitemap-index.xml"},
    ]


@contextmanager
def serve_site(root: Path = DEMO_SITE_DIR, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``root`` until the block ends; yields the base URL (``http://127.0.0.1:<port>``).

    ``port=0`` lets the OS pick a free port, so parallel test runs never collide.
    """
    redirects = _load_redirects(root)
    handler = partial(_SiteHandler, root=root.resolve(), redirects=redirects)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    bound_host, bound_port = server.server_address[:2]
    base_url = f"http://{bound_host}:{bound_port}"
    server.base_url = base_url  # type: ignore[attr-defined]  # read by the handler
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS}, name="capexwatch-demo-site", daemon=True
    )
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _load_redirects(root: Path) -> dict[str, str]:
    """The redirect map without its comment key; an absent file means no redirects."""
    path = root / REDIRECTS_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key.startswith("/")}


class _SiteHandler(BaseHTTPRequestHandler):
    """Static files with ``{base}`` filled in, plus the redirect routes; GET and HEAD only."""

    server_version = "capexwatch-demo/1"

    def __init__(self, *args: object, root: Path, redirects: dict[str, str], **kwargs: object) -> None:
        self.root = root
        self.redirects = redirects
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # handles the request

    def do_GET(self) -> None:  # noqa: N802 — http.server's naming
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 — overridden signature
        """Quiet: tests and the demo print their own progress."""

    def _respond(self, with_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        base_url: str = self.server.base_url  # type: ignore[attr-defined]
        target = self.redirects.get(path)
        if target is not None:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", base_url + target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = self._resolve(path)
        if file is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = file.read_text(encoding="utf-8").replace("{base}", base_url).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", _FEED_TYPES.get(file.name) or _CONTENT_TYPES.get(file.suffix, "text/plain"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _resolve(self, path: str) -> Path | None:
        """The file for a URL path, never outside the site root; ``None`` if there is none."""
        relative = ROUTES.get(path, path.lstrip("/"))
        candidate = (self.root / relative).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        if candidate.suffix not in _CONTENT_TYPES:
            return None
        return candidate
