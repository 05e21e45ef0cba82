"""Speed of the figure rules, against spaCy's tokenizer alone and against trafilatura alone.

Takes a directory of saved pages (``*.html.gz``); the corpus is not part of the repository, so its
path is an argument. Article texts are extracted with trafilatura once, then:

1. rule stage: ``FigureExtractor.extract_many`` over the texts, in articles/s, and as a ratio to
   ``spacy.blank("en").tokenizer`` (``nlp.tokenizer.pipe``) on the same texts — the floor any
   spaCy pipeline pays;
2. whole extract step per page: ``trafilatura.extract`` + the rules, in ms/article, and as a ratio
   to ``trafilatura.extract`` alone; the same with the project's ``extract.text.article.extract_article``
   (trafilatura with the project's options and clean-up) for reference.

Each measurement is the best of ``--repeats`` runs (default 3): the minimum is the run least
disturbed by other work on a shared machine. Both sides of every ratio run in the same process on
the same texts, so ratios compare across machines better than absolute times.

    python benchmarks/extract_speed.py --corpus /path/to/html [--limit N] [--repeats 3]
"""

from __future__ import annotations

import argparse
import gzip
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
import trafilatura

from extract.pipeline import FigureExtractor
from extract.text.article import extract_article


def load_pages(corpus: Path, limit: int | None) -> list[bytes]:
    """The raw bytes of ``*.html.gz`` pages, in file-name order (so runs compare)."""
    paths = sorted(corpus.glob("*.html.gz"))
    if limit is not None:
        paths = paths[:limit]
    return [gzip.decompress(p.read_bytes()) for p in paths]


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Smallest wall time of ``repeats`` runs of ``run``, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def _traf(html: bytes) -> str:
    return trafilatura.extract(html) or ""


def _project(html: bytes) -> str:
    article = extract_article(html)
    return article.text if article else ""


def measure(pages: list[bytes], repeats: int, batch_size: int) -> dict[str, Any]:
    texts = [t for t in (_traf(p) for p in pages) if t]
    if not texts:
        raise SystemExit("no page yielded any text: is --corpus a directory of article pages?")
    build_start = time.perf_counter()
    extractor = FigureExtractor()
    build_s = time.perf_counter() - build_start
    blank = spacy.blank("en")

    def rules(batch: list[str]) -> int:
        return sum(len(f) for f in extractor.extract_many(((t, None) for t in batch), batch_size=batch_size))

    # Warm-up: the first pass pays one-off costs (lazy imports, caches) that no later article does.
    rules(texts[:5])

    rules_s, figures = best_of(repeats, lambda: rules(texts))
    tok_s, _ = best_of(repeats, lambda: sum(len(d) for d in blank.tokenizer.pipe(texts, batch_size=batch_size)))
    tokens = sum(len(d) for d in blank.tokenizer.pipe(texts, batch_size=batch_size))

    traf_s, _ = best_of(repeats, lambda: [_traf(p) for p in pages])
    whole_s, _ = best_of(repeats, lambda: rules([t for t in (_traf(p) for p in pages) if t]))
    proj_s, _ = best_of(repeats, lambda: [_project(p) for p in pages])
    proj_whole_s, _ = best_of(repeats, lambda: rules([t for t in (_project(p) for p in pages) if t]))

    n_pages, n_texts = len(pages), len(texts)
    return {
        "pages": n_pages,
        "texts": n_texts,
        "chars": sum(len(t) for t in texts),
        "tokens": tokens,
        "figures": figures,
        "build_s": build_s,
        "rules_s": rules_s,
        "tokenizer_s": tok_s,
        "rules_articles_per_s": n_texts / rules_s,
        "tokenizer_articles_per_s": n_texts / tok_s,
        "rules_vs_tokenizer": rules_s / tok_s,
        "trafilatura_ms": 1000 * traf_s / n_pages,
        "whole_ms": 1000 * whole_s / n_pages,
        "whole_vs_trafilatura": whole_s / traf_s,
        "project_ms": 1000 * proj_s / n_pages,
        "project_whole_ms": 1000 * proj_whole_s / n_pages,
        "project_whole_vs_trafilatura": proj_whole_s / traf_s,
    }


def format_results(r: dict[str, Any], repeats: int, command: str) -> str:
    return "\n".join(
        [
            f"corpus: {r['pages']} pages, {r['texts']} with text, {r['chars']:,} chars, "
            f"{r['tokens']:,} tokens; {r['figures']} figures found; best of {repeats}",
            f"pipeline build (once): {r['build_s'] * 1000:.0f} ms",
            "",
            "rule stage (FigureExtractor.extract_many over the texts)",
            f"  rules               {r['rules_articles_per_s']:9.1f} articles/s  ({r['rules_s']:.3f} s)",
            f"  blank-en tokenizer  {r['tokenizer_articles_per_s']:9.1f} articles/s  ({r['tokenizer_s']:.3f} s)",
            f"  rules / tokenizer   {r['rules_vs_tokenizer']:9.2f} x the time",
            "",
            "whole extract step, per page (text extraction + rules)",
            f"  trafilatura.extract alone           {r['trafilatura_ms']:7.2f} ms/article",
            f"  trafilatura.extract + rules         {r['whole_ms']:7.2f} ms/article  "
            f"({r['whole_vs_trafilatura']:.2f} x trafilatura alone)",
            f"  extract_article (project) alone     {r['project_ms']:7.2f} ms/article",
            f"  extract_article + rules             {r['project_whole_ms']:7.2f} ms/article  "
            f"({r['project_whole_vs_trafilatura']:.2f} x trafilatura alone)",
            "",
            f"reproduce: {command}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of *.html.gz pages")
    parser.add_argument("--limit", type=int, default=None, help="use the first N pages (by name)")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus} is not a directory")
    pages = load_pages(args.corpus, args.limit)
    if not pages:
        parser.error(f"no *.html.gz pages in {args.corpus}")
    command = shlex.join(["python", "benchmarks/extract_speed.py", *(argv if argv is not None else sys.argv[1:])])
    print(format_results(measure(pages, args.repeats, args.batch_size), args.repeats, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
