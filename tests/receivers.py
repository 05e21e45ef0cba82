"""Real local receivers for alert tests: a JSON webhook (HTTP) and a mail server (SMTP, aiosmtpd).

Both bind 127.0.0.1 on a port the OS picks and keep what they received in memory. A message is
stored before the receiver answers, so once the sender (apprise, in this process or a child process)
has its answer, the message is here: tests never wait or sleep. ``WebhookReceiver.down()`` closes
the port for real (connection refused), and ``up()`` listens on the same port again.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session


class _HookHandler(BaseHTTPRequestHandler):
    server: _HookServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet."""

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.owner.record(self.path, body)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _HookServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, owner: WebhookReceiver) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", port), _HookHandler)


class WebhookReceiver:
    """Receives apprise's ``json://`` posts: ``{"title", "message", "type", ...}`` per notification."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received: list[dict[str, Any]] = []
        self._server: _HookServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def url(self, path: str = "hook") -> str:
        return f"json://127.0.0.1:{self.port}/{path}"

    def record(self, path: str, body: dict[str, Any]) -> None:
        with self._lock:
            self._received.append({"path": path, **body})

    def take(self) -> list[dict[str, Any]]:
        """What arrived since the last call, oldest first."""
        with self._lock:
            received, self._received = self._received, []
        return received

    def up(self) -> None:
        self._server = _HookServer(self.port, self)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook", daemon=True)
        self._thread.start()

    def down(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join()
            self._server = None


@contextmanager
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    receiver.up()
    try:
        yield receiver
    finally:
        receiver.down()


class _MailHandler:
    def __init__(self, owner: MailReceiver) -> None:
        self.owner = owner

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd
        content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        self.owner.record(envelope.rcpt_tos, message_from_bytes(content, policy=policy.default))
        return "250 Message accepted for delivery"


class MailReceiver:
    """An SMTP server on an asyncio loop in a thread; keeps each message with its recipients."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received: list[tuple[list[str], EmailMessage]] = []
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self.port = 0

    def record(self, recipients: list[str], message: Any) -> None:
        with self._lock:
            self._received.append((list(recipients), message))

    def take(self) -> list[tuple[list[str], EmailMessage]]:
        with self._lock:
            received, self._received = self._received, []
        return received

    def url(self, to: str = "team@example.org") -> str:
        """An apprise ``mailto://`` URL for this server: plain SMTP, no TLS, no login."""
        return f"mailto://capexwatch@example.org?smtp=127.0.0.1&port={self.port}&mode=insecure&from=capexwatch@example.org&to={to}"

    def start(self) -> None:
        handler = _MailHandler(self)
        self._server = self._loop.run_until_complete(
            self._loop.create_server(lambda: SMTP(handler, hostname="127.0.0.1"), "127.0.0.1", 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._thread = threading.Thread(target=self._loop.run_forever, name="smtp", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


@contextmanager
def mail_server() -> Iterator[MailReceiver]:
    receiver = MailReceiver()
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()
