"""Load and validate capexwatch's one TOML configuration file — the only place the environment is read.

Every key is declared once below (type, default, what is expected), and the whole file is checked
before anything is fetched: a mistake is reported with the file, the line, the key and what would be
right (STYLE.md, "configuration declared once and validated before anything runs").

Precedence: ``--config PATH`` > ``$CAPEXWATCH_CONFIG`` > ``./capexwatch.toml`` > the built-in
``defaults.toml``; for the database, ``--db`` > ``$CAPEXWATCH_DB`` > ``[database] url``.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from alerts.settings import ALERT_ON, AlertSettings
from crawler.sources import SOURCE_KINDS, Source
from crawler.workers import all_cores
from extract.watch import DEFAULT_WATCH, Watch

CONFIG_ENV = "CAPEXWATCH_CONFIG"
DB_ENV = "CAPEXWATCH_DB"
DEFAULT_CONFIG_NAME = "capexwatch.toml"
BUILTIN_LABEL = "<built-in defaults.toml>"
SUPPORTED_DATABASES = ("sqlite", "postgresql")
DEFAULT_DATABASE_URL = "sqlite:///capexwatch.db"
#: A testing hook: ``CAPEXWATCH_CRASH_AT=<point>`` makes a crawl kill itself (SIGKILL, no clean-up) at
#: that point, so tests can show that a crash there loses nothing. Unset in normal use.
CRASH_ENV = "CAPEXWATCH_CRASH_AT"
#: Where a crawl can be made to crash: holding the lock before crawling; after recording tonight's
#: alerts and before sending them.
CRASH_POINTS: tuple[str, ...] = ("after_lock", "before_delivery")


class ConfigError(Exception):
    """A configuration mistake, located: file, line (when known), key, and what is expected."""

    def __init__(
        self, message: str, *, file: str, line: int | None = None, key: str | None = None
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """Crawl limits and rate a user may tune; everything else is fixed in ``crawler/settings.py``.

    ``workers`` 0 stands for "all cores" (resolved by :attr:`pool_size`); ``redis_url`` None is a
    crawl in this process alone (``capexwatch crawl --distributed URL`` overrides it).
    """

    download_timeout: float = 30.0
    retries: int = 2
    max_response_mb: float = 10.0
    max_age_days: float = 0.0  # 0: no cutoff
    concurrency: int = 16
    per_host_concurrency: int = 4
    delay: float = 0.25
    autothrottle: bool = True
    workers: int = 0
    redis_url: str | None = None

    @property
    def pool_size(self) -> int:
        """Processes for page text and figure extraction: ``workers``, or every core when unset."""
        return self.workers or all_cores()

    def scrapy_settings(self) -> dict[str, Any]:
        """The Scrapy settings these options stand for."""
        max_bytes = int(self.max_response_mb * 1024 * 1024)
        return {
            "DOWNLOAD_TIMEOUT": self.download_timeout,
            "RETRY_TIMES": self.retries,
            "DOWNLOAD_MAXSIZE": max_bytes,
            "DOWNLOAD_WARNSIZE": max_bytes // 2,
            "CAPEXWATCH_MAX_AGE_DAYS": self.max_age_days,
            "CONCURRENT_REQUESTS": self.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": self.per_host_concurrency,
            "DOWNLOAD_DELAY": self.delay,
            "AUTOTHROTTLE_ENABLED": self.autothrottle,
            "CAPEXWATCH_WORKERS": self.pool_size,
        }


@dataclass(frozen=True, slots=True)
class ReviewOptions:
    """How the review web app (``capexwatch serve``) treats sessions and sign-in attempts."""

    session_hours: float = 12.0
    secure_cookies: bool = False  # true when the app is served over https (behind a proxy)
    sign_in_attempts: int = 5  # failed sign-ins allowed per name and address in 15 minutes


@dataclass(frozen=True, slots=True)
class ScheduleOptions:
    """When ``capexwatch schedule`` starts a crawl: a 5-field cron expression in a time zone."""

    cron: str = "0 2 * * *"
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration. ``path`` is None for the built-in defaults."""

    path: Path | None
    watch: Watch
    database_url: str
    sources: tuple[Source, ...]
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    connect_timeout: float | None = None  # [database] connect_timeout, already in database_url
    review: ReviewOptions = field(default_factory=ReviewOptions)
    schedule: ScheduleOptions = field(default_factory=ScheduleOptions)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    crash_at: str | None = None

    @property
    def label(self) -> str:
        """How messages name this configuration's file."""
        return str(self.path) if self.path else BUILTIN_LABEL

    def fingerprint(self) -> str:
        """A hash of what decides a crawl's results (watch, sources, crawl limits, alert rules), stored
        with each run so runs made under different configurations can be told apart. The database URL
        and notification URLs (which may hold passwords) are left out."""
        alerts = dataclasses.asdict(self.alerts)
        alerts.pop("notify")
        data = {
            "watch": dataclasses.asdict(self.watch),
            "sources": [dataclasses.asdict(source) for source in self.sources],
            "crawl": dataclasses.asdict(self.crawl),
            "alerts": alerts,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


# --- the schema ------------------------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns what is expected when the value is wrong


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a non-empty string"


def _string_list(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return None if ok else 'a list of non-empty strings, e.g. ["a", "b"]'


def _non_empty_string_list(value: Any) -> str | None:
    problem = _string_list(value)
    return problem if problem or value else "at least one term"


def _positive_number(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    return None if ok else "a number greater than 0"


def _whole_number(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"a whole number from {low} to {high}"

    return check


def _non_negative_number(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 3600
    return None if ok else "a number of seconds from 0 to 3600"


def _redis_url(value: Any) -> str | None:
    expected = "a Redis URL such as redis://127.0.0.1:6379/0"
    if not isinstance(value, str) or any(c.isspace() for c in value.strip()):
        return expected
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return expected
    if parts.scheme not in ("redis", "rediss", "unix"):
        return expected
    db = parts.path.strip("/")
    if db and not db.isdigit():
        return expected
    return None if parts.hostname or parts.scheme == "unix" else expected


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _http_url(value: Any) -> str | None:
    expected = "an absolute http:// or https:// URL, e.g. https://example.com/rss.xml"
    if not isinstance(value, str) or any(c.isspace() for c in value.strip()):
        return expected
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return expected
    return None if parts.scheme in ("http", "https") and parts.hostname else expected


def _failure_count(value: Any) -> str | None:
    problem = _whole_number(0, 100)(value)
    return f"{problem} (0: never)" if problem else None


def _cron(value: Any) -> str | None:
    expected = 'a 5-field cron expression (minute hour day month weekday), e.g. "0 2 * * *" for 02:00 every day'
    if not isinstance(value, str):
        return expected
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value)
    except ValueError as exc:
        return f"{expected} ({exc})"
    return None


def _timezone(value: Any) -> str | None:
    expected = 'an IANA time zone name, e.g. "Europe/London" or "UTC"'
    if not isinstance(value, str) or not value.strip():
        return expected
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return expected
    return None


def _notify_urls(value: Any) -> str | None:
    """Each entry must be an apprise URL; the message never repeats a URL whole (it may hold a password)."""
    expected = (
        'expected a list of apprise notification URLs, e.g. ["json://host:port/path", "mailto://user:password@example.com"]'
    )
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return expected
    from alerts.delivery import notify_url_problem

    for number, url in enumerate(value, start=1):
        if problem := notify_url_problem(url.strip()):
            return f"entry {number}: {problem}; {expected}"
    return None


def _alert_on(value: Any) -> str | None:
    return None if value in ALERT_ON else "one of: " + ", ".join(ALERT_ON)


def _metrics(value: Any) -> str | None:
    from extract.figure import METRICS  # the extractor's vocabulary

    ok = isinstance(value, list) and all(v in METRICS for v in value)
    return None if ok else "a list of metrics from: " + ", ".join(METRICS) + ' (e.g. ["capex"])'


def _source_kind(value: Any) -> str | None:
    return None if value in SOURCE_KINDS else "one of: " + ", ".join(SOURCE_KINDS)


def _database_url(value: Any) -> str | None:
    expected = (
        "a SQLAlchemy URL such as sqlite:///capexwatch.db or "
        "postgresql+psycopg://user@127.0.0.1:5432/capexwatch"
    )
    if not isinstance(value, str):
        return expected
    try:
        url = make_url(value)
    except ArgumentError:
        return expected
    return None if url.get_backend_name() in SUPPORTED_DATABASES else expected


@dataclass(frozen=True, slots=True)
class Key:
    check: Check
    required: bool = False
    secret: bool = False  # never repeat the value in a message (it may hold a password or token)


TABLES: dict[str, dict[str, Key]] = {
    "watch": {
        "subject": Key(_string, required=True),
        "aliases": Key(_string_list),
        "topics": Key(_non_empty_string_list),
    },
    "database": {"url": Key(_database_url), "connect_timeout": Key(_positive_number)},
    "crawl": {
        "download_timeout": Key(_positive_number),
        "retries": Key(_whole_number(0, 20)),
        "max_response_mb": Key(_positive_number),
        "max_age_days": Key(_positive_number),
        "concurrency": Key(_whole_number(1, 1000)),
        "per_host_concurrency": Key(_whole_number(1, 100)),
        "delay": Key(_non_negative_number),
        "autothrottle": Key(_boolean),
        "workers": Key(_whole_number(1, 256)),
        "redis_url": Key(_redis_url),
    },
    "review": {
        "session_hours": Key(_positive_number),
        "secure_cookies": Key(_boolean),
        "sign_in_attempts": Key(_whole_number(1, 100)),
    },
    "schedule": {
        "cron": Key(_cron),
        "timezone": Key(_timezone),
    },
    "alerts": {
        "notify": Key(_notify_urls, secret=True),
        "on": Key(_alert_on),
        "metrics": Key(_metrics),
        "digest": Key(_boolean),
        "source_failures": Key(_failure_count),
    },
}
SOURCE_KEYS: dict[str, Key] = {
    "name": Key(_string, required=True),
    "kind": Key(_source_kind, required=True),
    "url": Key(_http_url, required=True),
    "enabled": Key(_boolean),
}
TOP_LEVEL = (*TABLES, "sources")


# --- locating a key in the file's text ---------------------------------------------------------

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY_LINE = re.compile(r"""^\s*["']?([A-Za-z0-9_\-]+)["']?\s*=""")


def locate(text: str, table: str | None, index: int | None = None, key: str | None = None) -> int | None:
    """The 1-based line of ``[table] key`` (or of the table header when ``key`` is None).

    ``index`` picks the n-th ``[[table]]`` of an array of tables. tomllib keeps no positions, so
    this scans the text the way TOML reads it: headers open tables, ``key =`` lines belong to the
    table opened last.
    """
    current: tuple[str | None, int | None] = (None, None)
    seen_arrays: dict[str, int] = {}
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _ARRAY_HEADER.match(line):
            name = match.group(1)
            seen_arrays[name] = seen_arrays.get(name, -1) + 1
            current = (name, seen_arrays[name])
        elif match := _TABLE_HEADER.match(line):
            current = (match.group(1), None)
        elif key is not None and (match := _KEY_LINE.match(line)):
            if current == (table, index) and match.group(1) == key:
                return number
            continue
        else:
            continue
        if current == (table, index):
            header_line = number
    return header_line


def syntax_error_line(text: str) -> int | None:
    """The line where the statement that breaks the TOML starts, not where the parser gave up.

    tomllib reports the position where it stopped, which for an unclosed array or string is
    lines later (often at the next table header). The statement at fault is the first one after
    the longest run of leading lines that still parses on its own.
    """
    lines = text.splitlines()
    for keep in range(len(lines) - 1, -1, -1):
        try:
            tomllib.loads("\n".join(lines[:keep]))
        except tomllib.TOMLDecodeError:
            continue
        for number in range(keep + 1, len(lines) + 1):
            stripped = lines[number - 1].strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None
    return None


def locate_top_level(text: str, name: str) -> int | None:
    """The first line that defines the top-level ``name``: ``[name]``, ``[name.x]``, ``[[name]]``
    or ``name = …`` before any table header."""
    in_root = True
    for number, line in enumerate(text.splitlines(), start=1):
        if match := (_ARRAY_HEADER.match(line) or _TABLE_HEADER.match(line)):
            in_root = False
            if match.group(1).split(".")[0].strip().strip("\"'") == name:
                return number
        elif in_root and (match := _KEY_LINE.match(line)) and match.group(1) == name:
            return number
    return None


# --- loading -------------------------------------------------------------------------------------


def resolve_config_path(cli_path: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path | None:
    """The file to read, or None for the built-in defaults (no file given and none in ./)."""
    if cli_path:
        return Path(cli_path)
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


def load_config(
    cli_path: str | os.PathLike[str] | None = None,
    *,
    db_override: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Read, validate and return the configuration; raise :class:`ConfigError` on any mistake."""
    environ = os.environ if environ is None else environ
    path = resolve_config_path(cli_path, environ)
    if path is None:
        text = resources.files("capexwatch").joinpath("defaults.toml").read_text(encoding="utf-8")
        label = BUILTIN_LABEL
    else:
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError("no such file; pass --config with an existing TOML file", file=label) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the file ({exc}); expected a UTF-8 TOML file", file=label) from None
    config = parse_config(text, label=label, path=path)
    override = db_override or environ.get(DB_ENV)
    if override:
        origin = "--db" if db_override else f"${DB_ENV}"
        if problem := _database_url(override):
            raise ConfigError(f"{override!r} is not valid; expected {problem}", file=origin)
        config = replace(config, database_url=with_timeout(override, config.connect_timeout))
    crash_at = environ.get(CRASH_ENV)
    if crash_at:
        if crash_at not in CRASH_POINTS:
            expected = ", ".join(CRASH_POINTS)
            message = f"{crash_at!r} is not valid; expected one of: {expected} (or unset)"
            raise ConfigError(message, file=f"${CRASH_ENV}")
        config = replace(config, crash_at=crash_at)
    return config


def parse_config(text: str, *, label: str, path: Path | None = None) -> Config:
    """Validate TOML text against the schema; errors name ``label``, the line and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise ConfigError(f"not valid TOML ({reason})", file=label, line=syntax_error_line(text)) from None

    def fail(
        message: str, table: str | None, key: str | None = None, index: int | None = None, *, missing: bool = False
    ) -> ConfigError:
        dotted = ".".join(p for p in (table, f"[{index}]" if index is not None else None, key) if p)
        dotted = dotted.replace(".[", "[")
        # A missing key has no line of its own: point at its table's header instead.
        line = locate(text, table, index, None if missing else key)
        return ConfigError(message, file=label, line=line, key=dotted or None)

    for name in data:
        if name not in TOP_LEVEL:
            what = "table" if isinstance(data[name], dict | list) else "key"
            raise ConfigError(_unknown(name, TOP_LEVEL, what), file=label, line=locate_top_level(text, name), key=name)

    tables: dict[str, dict[str, Any]] = {}
    for table, keys in TABLES.items():
        given = data.get(table, {})
        if not isinstance(given, dict):
            raise fail(f"expected a [{table}] table", table)
        tables[table] = _check_keys(given, keys, lambda msg, key, t=table, **kw: fail(msg, t, key, **kw))

    sources = _check_sources(data.get("sources", []), fail)
    watch_table = tables["watch"]
    watch = (
        Watch(
            subject=watch_table["subject"].strip(),
            aliases=tuple(a.strip() for a in watch_table.get("aliases", ())),
            topics=tuple(t.strip() for t in watch_table.get("topics", DEFAULT_WATCH.topics)),
        )
        if watch_table
        else DEFAULT_WATCH
    )
    database_timeout = tables["database"].get("connect_timeout")
    return Config(
        path=path,
        watch=watch,
        database_url=with_timeout(tables["database"].get("url", DEFAULT_DATABASE_URL), database_timeout),
        sources=sources,
        crawl=CrawlOptions(**tables["crawl"]),
        connect_timeout=database_timeout,
        review=ReviewOptions(**tables["review"]),
        schedule=ScheduleOptions(**tables["schedule"]),
        alerts=_alert_settings(tables["alerts"]),
    )


def with_timeout(url: str, seconds: float | None) -> str:
    """``url`` carrying ``[database] connect_timeout``: PostgreSQL's ``connect_timeout`` (how long to
    wait for the server to answer a connection), SQLite's ``timeout`` (how long a writer waits for
    another's lock). A value already in the URL wins."""
    if seconds is None:
        return url
    parsed = make_url(url)
    name = "timeout" if parsed.get_backend_name() == "sqlite" else "connect_timeout"
    if name in parsed.query:
        return url
    value = str(max(int(seconds), 1)) if name == "connect_timeout" else str(seconds)
    return parsed.update_query_dict({name: value}).render_as_string(hide_password=False)


def _alert_settings(table: Mapping[str, Any]) -> AlertSettings:
    values = dict(table)
    if "notify" in values:
        values["notify"] = tuple(url.strip() for url in values["notify"])
    if "metrics" in values:
        values["metrics"] = tuple(values["metrics"])
    return AlertSettings(**values)


def _check_keys(
    given: Mapping[str, Any], keys: Mapping[str, Key], fail: Callable[..., ConfigError]
) -> dict[str, Any]:
    for name, value in given.items():
        if name not in keys:
            raise fail(_unknown(name, tuple(keys), "key"), name)
        if problem := keys[name].check(value):
            raise fail(problem if keys[name].secret else f"{value!r} is not valid; expected {problem}", name)
    if given:
        for name, key in keys.items():
            if key.required and name not in given:
                raise fail(f"missing; expected {name} = {_example(name)}", name, missing=True)
    return dict(given)


def _check_sources(given: Any, fail: Callable[..., ConfigError]) -> tuple[Source, ...]:
    if not isinstance(given, list):
        raise fail("expected [[sources]] tables (an array of tables)", "sources")
    sources: list[Source] = []
    names: set[str] = set()
    for index, entry in enumerate(given):
        if not isinstance(entry, dict):
            raise fail("expected a [[sources]] table", "sources", index=index)
        values = _check_keys(entry, SOURCE_KEYS, lambda msg, key, i=index, **kw: fail(msg, "sources", key, i, **kw))
        missing = [name for name, key in SOURCE_KEYS.items() if key.required and name not in values]
        if missing:
            expected = f"missing; expected {missing[0]} = {_example(missing[0])}"
            raise fail(expected, "sources", missing[0], index, missing=True)
        name = values["name"].strip()
        if name in names:
            raise fail(f"{name!r} is used by an earlier source; expected a unique name", "sources", "name", index)
        names.add(name)
        if values.get("enabled", True):
            sources.append(Source(name=name, kind=values["kind"], url=values["url"].strip()))
    return tuple(sources)


def _unknown(name: str, allowed: Sequence[str], what: str) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown {what} {name!r}; {hint}expected one of: {', '.join(allowed)}"


_EXAMPLES = {
    "subject": '"ByteDance"',
    "topics": '["capex", "data centre"]',
    "url": '"https://example.com/rss.xml"',
    "name": '"Example feed"',
    "kind": '"feed" or "sitemap"',
}


def check_redis_url(value: str, origin: str) -> str:
    """``value`` stripped if it is a usable Redis URL; :class:`ConfigError` naming ``origin`` if not.

    For ``--distributed URL``, which is validated like the ``[crawl] redis_url`` key it overrides.
    """
    if problem := _redis_url(value):
        raise ConfigError(f"{value!r} is not valid; expected {problem}", file=origin)
    return value.strip()


def _example(name: str) -> str:
    return _EXAMPLES.get(name, "…")
