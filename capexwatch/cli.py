"""The ``capexwatch`` command: a thin layer over the library functions of each package.

Heavy imports (Scrapy, spaCy, trafilatura) happen inside the commands that need them, so
``capexwatch --help`` and configuration errors answer at once. Exit status: 0 when a command
completed (a crawl with failed pages included), 1 when it could not do its job (database
unreachable, unreadable input), 2 for a usage or configuration error.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from capexwatch.config import Config, ConfigError, load_config

EXPORT_FIELDS = (
    "id", "amount", "amount_high", "currency", "year", "source", "subject", "anonymous",
    "qualifier", "metric", "claim", "text", "sentence", "start", "end", "rule", "ruleset",
    "status", "article_id", "article_url", "article_title", "outlet", "published",
)  # fmt: skip
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"capexwatch: {message}", err=True)
    sys.exit(status)


def _config(ctx: click.Context) -> Config:
    """Load the configuration once per invocation; a mistake exits with status 2 before any work."""
    obj = ctx.ensure_object(dict)
    if "config" not in obj:
        try:
            obj["config"] = load_config(obj.get("config_path"), db_override=obj.get("db"))
        except ConfigError as exc:
            _fail(f"configuration error: {exc}", status=2)
    return obj["config"]


def _open_database(url: str):  # -> sqlalchemy.Engine (kept lazy: store imports SQLAlchemy + Alembic)
    from store.database import open_database
    from store.errors import StoreError

    try:
        return open_database(url)
    except StoreError as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), default=None,
    help="TOML configuration file (default: $CAPEXWATCH_CONFIG, then ./capexwatch.toml, then built-in).",
)  # fmt: skip
@click.option("--db", default=None, help="Database URL; overrides $CAPEXWATCH_DB and [database] url.")
@click.version_option(package_name="capexwatch")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, db: str | None) -> None:
    """Follow what companies are reported to spend: crawl news, extract money figures, review them."""
    ctx.ensure_object(dict).update(config_path=config_path, db=db)


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the database or upgrade it to the newest schema (Alembic migrations)."""
    from sqlalchemy.engine import make_url

    from store.database import upgrade_database
    from store.errors import StoreError

    config = _config(ctx)
    try:
        upgrade_database(config.database_url)
    except StoreError as exc:
        _fail(str(exc))
    click.echo(f"database ready: {make_url(config.database_url).render_as_string(hide_password=True)}")


@main.command("config")
@click.pass_context
def show_config(ctx: click.Context) -> None:
    """Validate the configuration and print what it resolves to (nothing is fetched)."""
    config = _config(ctx)
    click.echo(f"configuration: {config.label}")
    click.echo(f"watch: {config.watch.subject} (aliases: {', '.join(config.watch.aliases) or '-'})")
    click.echo(f"topics: {', '.join(config.watch.topics)}")
    click.echo(f"database: {config.database_url}")
    click.echo(f"sources ({len(config.sources)}):")
    for source in config.sources:
        click.echo(f"  [{source.kind}] {source.name}: {source.url}")


LOG_LEVEL = click.option(
    "--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    default="WARNING", show_default=True, help="Scrapy's log on stderr (INFO shows every request and the stats).",
)  # fmt: skip


@main.command()
@click.option("--source", "only", multiple=True, help="Crawl only the source with this name (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines; only the summary.")
@LOG_LEVEL
@click.pass_context
def crawl(ctx: click.Context, only: tuple[str, ...], quiet: bool, log_level: str) -> None:
    """Crawl every configured source once and store the figures of articles about the watch."""
    config = _config(ctx)
    sources = [s for s in config.sources if not only or s.name in only]
    if unknown := sorted(set(only) - {s.name for s in config.sources}):
        _fail(f"configuration error: {config.label}: no source named {unknown[0]!r}; "
              f"expected one of: {', '.join(s.name for s in config.sources)}", status=2)  # fmt: skip
    if not sources:
        _fail(f"configuration error: {config.label}: no [[sources]] to crawl; "
              'expected at least one [[sources]] table with name, kind and url', status=2)  # fmt: skip
    _open_database(config.database_url)  # migrate (and fail clearly) before Scrapy starts

    from crawler.run import run_crawl

    progress = None if quiet else (lambda line: click.echo(line, err=True))
    report = run_crawl(
        sources, config.watch, config.database_url,
        settings_overrides={**config.crawl.scrapy_settings(), "LOG_LEVEL": log_level.upper()}, progress=progress,
    )  # fmt: skip
    for line in report.summary_lines():
        click.echo(line)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--jsonl", "jsonl", type=click.Path(allow_dash=True), default=None,
              help='Read records {"id", "text", "published"} from this JSON Lines file.')  # fmt: skip
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for inputs that carry none; resolves 'this year'.")  # fmt: skip
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], jsonl: str | None, published: Any) -> None:
    """Print every money figure in saved .html/.txt files (- for stdin), one JSON object per line."""
    if not paths and not jsonl:
        raise click.UsageError("give one or more PATHs (- for stdin) or --jsonl FILE")
    config = _config(ctx)
    fallback = published.date() if published else None
    from extract.pipeline import FigureExtractor

    extractor = FigureExtractor(config.watch)
    problems = 0
    inputs: list[Iterable[tuple[str, str, date | None] | str]] = []
    if paths:
        inputs.append(_read_paths(paths, fallback))
    if jsonl:
        inputs.append(_read_jsonl(jsonl, fallback))
    for stream in inputs:
        for entry in stream:
            if isinstance(entry, str):  # a problem with one input: reported, the others go on
                click.echo(f"capexwatch: {entry}", err=True)
                problems += 1
                continue
            record_id, text, when = entry
            for figure in extractor.extract(text, when):
                click.echo(json.dumps({"id": record_id, **figure.to_json()}, ensure_ascii=False))
    if problems:
        sys.exit(1)


def _read_paths(paths: Iterable[str], fallback: date | None) -> Iterator[tuple[str, str, date | None] | str]:
    """Yield (id, text, published) per path, or a message for a path that cannot be read."""
    for name in paths:
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            yield f"{name}: cannot read ({exc.strerror or exc})"
            continue
        looks_html = name.lower().endswith(HTML_SUFFIXES) or raw.lstrip()[:1] == b"<"
        if looks_html:
            from extract.article import extract_article

            article = extract_article(raw)
            if article is None:
                yield f"{name}: no article text found in the HTML"
                continue
            when = article.published.date() if article.published else fallback
            yield name, article.text, when
        else:
            try:
                yield name, raw.decode("utf-8-sig"), fallback
            except UnicodeDecodeError as exc:
                yield f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})"


def _read_jsonl(name: str, fallback: date | None) -> Iterator[tuple[str, str, date | None] | str]:
    """Yield (id, text, published) per JSON Lines record; a bad line is reported with its number."""
    try:
        handle: IO[str] = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        yield f"{name}: cannot read ({exc.strerror or exc})"
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{where}: not JSON ({exc.msg})"
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield f'{where}: expected an object with "id", "text" (a string) and "published"'
                continue
            when = fallback
            if record.get("published"):
                try:
                    when = date.fromisoformat(str(record["published"])[:10])
                except ValueError:
                    yield f'{where}: "published" is {record["published"]!r}; expected YYYY-MM-DD'
                    continue
            yield str(record.get("id", where)), record["text"], when


@main.command()
@click.option("--status", default=None, help="Only figures with this review status (pending, approved, …).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default stdout).")
@click.pass_context
def export(ctx: click.Context, status: str | None, fmt: str, output: IO[str]) -> None:
    """Write one row per stored figure with its article and provenance."""
    from extract.figure import decimal_to_json
    from store.database import session_factory
    from store.queries import export_rows

    config = _config(ctx)
    engine = _open_database(config.database_url)
    with session_factory(engine)() as session:
        rows = export_rows(session, status=status)
        if fmt == "jsonl":
            for row in rows:
                row = {**row, "amount": decimal_to_json(row["amount"]), "amount_high": decimal_to_json(row["amount_high"])}
                output.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, allow_dash=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--check", is_flag=True, help="Exit with status 1 when a target is not met.")
@click.option("--strict", is_flag=True, help="Require every key of gold/CONVENTIONS.md and no unknown ones.")
@click.pass_context
def evaluate(ctx: click.Context, gold: str, fmt: str, check: bool, strict: bool) -> None:
    """Score the extraction rules on a gold set: precision/recall of amounts; year/source/subject accuracy."""
    from extract.evaluation import TARGETS, GoldFormatError, format_report, load_gold, report_to_json
    from extract.evaluation import evaluate as run_evaluation
    from extract.pipeline import FigureExtractor

    config = _config(ctx)
    try:
        records = load_gold(gold, strict=strict)
    except GoldFormatError as exc:
        _fail(str(exc), status=2)
    report = run_evaluation(records, FigureExtractor(config.watch))
    if fmt == "json":
        from extract.figure import decimal_to_json

        click.echo(json.dumps(report_to_json(report), ensure_ascii=False, indent=2, default=decimal_to_json))
    else:
        click.echo(format_report(report))
    if check and not report.meets_targets(TARGETS):
        sys.exit(1)


@main.command()
@click.option("--db-file", "demo_db", type=click.Path(dir_okay=False), default=None,
              help="SQLite file to crawl into (default: a fresh temporary file, removed afterwards).")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@LOG_LEVEL
def demo(demo_db: str | None, quiet: bool, log_level: str) -> None:
    """Serve the bundled news site on 127.0.0.1, crawl it into a fresh SQLite database, show the figures."""
    import tempfile

    from capexwatch.demo_runner import run_demo

    with tempfile.TemporaryDirectory(prefix="capexwatch-demo-") as scratch:
        path = Path(demo_db) if demo_db else Path(scratch) / "demo.db"
        if path.exists():
            _fail(f"{path} exists; the demo crawls into a fresh database: pass another --db-file", status=2)
        progress = None if quiet else (lambda line: click.echo(line, err=True))
        for line in run_demo(path, progress=progress, log_level=log_level.upper()):
            click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
