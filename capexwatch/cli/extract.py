"""``capexwatch extract``: figures in saved files, one JSON object per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import click

from capexwatch.cli.app import get_config, main

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


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
    config = get_config(ctx)
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
            from extract.text.article import extract_article

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
    """Yield (id, text, published) per JSON Lines record; a bad line is reported with its number.

    Lines are decoded one by one, so a line that is not UTF-8 is reported and the others go on.
    """
    try:
        handle: IO[bytes] = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        yield f"{name}: cannot read ({exc.strerror or exc})"
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{name}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                continue
            if not line.strip():
                continue
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
