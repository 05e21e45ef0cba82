"""A real local HTTP server for crawl tests: fixture pages plus one endpoint per failure.

Modelled on Scrapy's own ``tests/mockserver``: bound to 127.0.0.1 on port 0, run in a thread of
the test process (the crawls themselves run in subprocesses), and logging every request path so
a test can assert what was — and was not — fetched.

Files under ``tests/sites/`` are served with ``{{BASE}}`` replaced by the server's base URL and
``{{PORT}}`` by its port (feeds must link back to wherever the server happens to listen).
``X.xml.gz`` is served as the gzip of ``X.xml``.

Endpoints:
    /status/<code>      that status, a short HTML body
    /delay?s=<seconds>  an article page after a delay (for DOWNLOAD_TIMEOUT)
    /huge?kb=<n>        an HTML page of n KiB (default 2048), for DOWNLOAD_MAXSIZE
    /gbk                a relevant article encoded in GBK, charset in the header only
    /not-xml            an HTML page where a feed should be
    /redirect?to=<url>  302 to <url>
    /rss/articles/<id>  302 to /articles/<id>.html, the way search-engine feed links redirect
    /robots.txt         disallows /robots-disallowed/
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITES = Path(__file__).parent / "sites"

CONTENT_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}

GBK_ARTICLE = """<html><head><title>字节跳动加大人工智能投入</title></head><body>
<article><h1>字节跳动加大人工智能投入</h1>
<p>据知情人士透露，字节跳动计划在2026年将资本开支提高到1600亿元人民币，其中大部分用于人工智能基础设施和数据中心建设。</p>
<p>字节跳动（ByteDance）去年的资本开支约为800亿元人民币。该公司正在采购更多 GPU 芯片，以支持其大模型业务的增长。</p>
<p>分析人士表示，这一数字将使字节跳动成为中国在人工智能基础设施方面投入最多的科技公司之一，远超其国内竞争对手。</p>
</article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    server: MockHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the request log is kept in memory for assertions, not printed."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.server.record(self.path)
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /robots-disallowed/\n", "text/plain")
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self._send(code, f"<html><body>status {code}</body></html>".encode(), "text/html")
        if path == "/delay":
            time.sleep(float(query.get("s", ["1"])[0]))
            return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
        if path == "/huge":
            size = int(query.get("kb", ["2048"])[0]) * 1024
            body = b"<html><body><p>" + b"x" * size + b"</p></body></html>"
            return self._send(200, body, "text/html")
        if path == "/gbk":
            return self._send(200, GBK_ARTICLE.encode("gbk"), "text/html; charset=gbk")
        if path == "/not-xml":
            return self._send(200, b"<!DOCTYPE html><html><body><p>Oops & no feed</body></html>",
                              "application/rss+xml")
        if path == "/redirect":
            return self._redirect(query["to"][0])
        if path.startswith("/rss/articles/"):
            return self._redirect(f"/articles/{path.rsplit('/', 1)[1]}.html")
        return self._file(path)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _file(self, path: str) -> None:
        relative = path.lstrip("/")
        gzipped = relative.endswith(".gz")
        if gzipped:
            relative = relative[:-3]
        file = (SITES / relative).resolve()
        if SITES.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"<html><body>not found</body></html>", "text/html")
        body = file.read_bytes()
        if file.suffix in CONTENT_TYPES:
            body = body.replace(b"{{BASE}}", self.server.base_url.encode())
            body = body.replace(b"{{PORT}}", str(self.server.server_port).encode())
        if gzipped:
            return self._send(200, gzip.compress(body), "application/x-gzip")
        return self._send(200, body, CONTENT_TYPES.get(file.suffix, "application/octet-stream"))

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (max size, timeout)
            pass


class MockHTTPServer(ThreadingHTTPServer):
    """The server, with a thread-safe log of request paths."""

    daemon_threads = True
    # Six crawlers connect at once; the stdlib default backlog of 5 drops SYNs, which the
    # client sees as a 1 s connect timeout under a short DOWNLOAD_TIMEOUT.
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self._lock = threading.Lock()
        self._requests: list[str] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def record(self, path: str) -> None:
        with self._lock:
            self._requests.append(path)

    def requests(self) -> list[str]:
        """Paths requested so far (with query strings), in order."""
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()


@contextmanager
def serve() -> Iterator[MockHTTPServer]:
    """Run a :class:`MockHTTPServer` in a background thread for the duration of the block."""
    server = MockHTTPServer()
    thread = threading.Thread(target=server.serve_forever, name="mockserver", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
