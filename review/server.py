"""Serving the app with waitress, a production WSGI server (pure Python, threads, no C build).

Flask's own ``app.run`` is a development server and says so; waitress buffers requests and
responses, limits their size and serves each on a worker thread.
"""

from __future__ import annotations

from flask import Flask
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

#: Worker threads: decisions are short transactions, so a few threads serve a team.
THREADS = 8


def make_server(app: Flask, host: str, port: int, threads: int = THREADS) -> BaseWSGIServer | MultiSocketServer:
    """A bound server (``port`` 0 picks a free one); call ``run()`` to serve, ``close()`` to stop."""
    return create_server(
        app, host=host, port=port, threads=threads, ident="capexwatch", clear_untrusted_proxy_headers=True
    )


def server_url(server: BaseWSGIServer | MultiSocketServer) -> str:
    """The address the server listens on, as a URL (IPv6 hosts in brackets)."""
    host = getattr(server, "effective_host", "127.0.0.1")
    port = getattr(server, "effective_port", 0)
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}/"
