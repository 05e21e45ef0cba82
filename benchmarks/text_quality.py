"""Main-text quality of ``extract_article`` against trafilatura's default, on saved real pages.

The corpus is a directory holding ``html/<id>.html.gz`` and ``ground-truth.json``
(``{"<id>": {"url": ..., "articleBody": ...}}``), e.g. the Article Extraction Benchmark pages.
Its path is an argument: the corpus is not part of the repository.

Scoring is token-level, as in the Article Extraction Benchmark: both texts are lowercased and
split into word tokens; true positives are the multiset intersection. Per page,
precision = tp / predicted tokens and recall = tp / true tokens (an empty prediction scores 0
on both unless the truth is empty too); precision and recall are averaged over pages and F1 is
their harmonic mean. Both extractors see the same pages in the same run, so the ratio is fair
whatever the machine.

    python benchmarks/text_quality.py --corpus /path/to/corpus [--limit N] [--worst K]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from extract.text.article import extract_article

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str | None], str]


@dataclass
class Score:
    """Running per-page precision/recall sums for one extractor."""

    name: str
    precision: float = 0.0
    recall: float = 0.0
    pages: int = 0
    empty: int = 0
    seconds: float = 0.0
    per_page: dict[str, float] = field(default_factory=dict)

    def add(self, page: str, precision: float, recall: float) -> None:
        self.precision += precision
        self.recall += recall
        self.pages += 1
        self.per_page[page] = _f1(precision, recall)

    @property
    def mean_precision(self) -> float:
        return self.precision / self.pages if self.pages else 0.0

    @property
    def mean_recall(self) -> float:
        return self.recall / self.pages if self.pages else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.mean_precision, self.mean_recall)

    def line(self) -> str:
        per_page_ms = 1000 * self.seconds / self.pages if self.pages else 0.0
        return (
            f"{self.name:<28} precision {self.mean_precision:.3f}  recall {self.mean_recall:.3f}  "
            f"F1 {self.f1:.3f}  empty {self.empty}/{self.pages}  {per_page_ms:.0f} ms/page"
        )


def tokens(text: str) -> Counter[str]:
    """Lowercased word tokens as a multiset."""
    return Counter(_TOKEN.findall(text.lower()))


def precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """Token-level precision and recall of one page."""
    pred, true = tokens(predicted), tokens(truth)
    if not pred and not true:
        return 1.0, 1.0
    if not pred or not true:
        return 0.0, 0.0
    overlap = sum((pred & true).values())
    return overlap / sum(pred.values()), overlap / sum(true.values())


def ours(html: bytes, url: str | None) -> str:
    """capexwatch's settings, through the same function the crawler calls."""
    article = extract_article(html, url)
    return article.text if article else ""


def trafilatura_default(html: bytes, url: str | None) -> str:
    """trafilatura's documented default call: ``trafilatura.extract(html, url=url)``."""
    return trafilatura.extract(html, url=url) or ""


def run(corpus: Path, limit: int | None) -> tuple[Score, Score]:
    """Score both extractors on every page of the corpus (or the first ``limit`` pages)."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    page_ids = sorted(truth)[:limit] if limit else sorted(truth)
    scores = (Score("capexwatch extract_article"), Score("trafilatura.extract default"))
    extractors: tuple[Extractor, ...] = (ours, trafilatura_default)
    for page_id in page_ids:
        path = corpus / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        html = gzip.decompress(path.read_bytes())
        url = truth[page_id].get("url")
        body = truth[page_id].get("articleBody") or ""
        for score, extractor in zip(scores, extractors, strict=True):
            started = time.perf_counter()
            text = extractor(html, url)
            score.seconds += time.perf_counter() - started
            score.empty += not text.strip()
            score.add(page_id, *precision_recall(text, body))
    return scores


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory with html/*.html.gz and ground-truth.json")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (sorted by id)")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages where we trail the default most")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        parser.error(f"{args.corpus} has no ground-truth.json")

    mine, default = run(args.corpus, args.limit)
    print(f"corpus: {args.corpus} ({mine.pages} pages), trafilatura {trafilatura.__version__}")
    print(mine.line())
    print(default.line())
    ratio = mine.f1 / default.f1 if default.f1 else float("inf")
    print(f"F1 ratio (capexwatch / default): {ratio:.3f}")
    if args.worst:
        gaps = sorted(mine.per_page, key=lambda page: mine.per_page[page] - default.per_page[page])
        for page in gaps[: args.worst]:
            print(f"  {page}: ours F1 {mine.per_page[page]:.3f}, default {default.per_page[page]:.3f}")
    command = ["python", "benchmarks/text_quality.py", "--corpus", str(args.corpus)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    print("reproduce:", shlex.join(command))
    return 0 if ratio >= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
