"""A database that accepts the connection and never answers costs a bounded time and one clear line.

The stand-in is a real TCP server on 127.0.0.1 that accepts every connection and reads the client's
startup packet but never replies — what a wedged PostgreSQL (or a proxy in front of a dead one) does.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.database import open_database
from store.errors import DatabaseUnreachable


@pytest.fixture
def silent_server() -> Iterator[int]:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(connection)  # held open, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_open_database_gives_up_after_the_connect_timeout(silent_server: int) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseUnreachable, match="timeout"):
        open_database(f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/db?connect_timeout=2")
    assert time.monotonic() - started < 10


def test_a_command_on_a_silent_server_fails_in_one_line_within_the_configured_time(
    silent_server: int, tmp_path: Path
) -> None:
    config = tmp_path / "capexwatch.toml"
    config.write_text(
        f'[database]\nurl = "postgresql+psycopg://postgres:pw@127.0.0.1:{silent_server}/db"\nconnect_timeout = 2\n'
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "capexwatch", "--config", str(config), "export"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot open database" in lines[0] and "timeout" in lines[0], result.stderr
    assert "pw" not in result.stderr
    assert elapsed < 20
