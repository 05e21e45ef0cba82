"""Crawl throughput and its floors, in one run, on a generated local news site of N article pages.

For each N it serves ``benchmarks/news_site.py`` (four layouts, a third of the pages about the watch,
boilerplate bait) on 127.0.0.1 and measures, on the same pages:

* the whole ``capexwatch crawl`` path (crawl stage, then figure stage), into SQLite and into
  PostgreSQL: pages/s, CPU ms per page (the crawl process and its workers), peak memory (the largest
  process), the store's CPU per page;
* the incremental re-crawl of the unchanged site (same SQLite database);
* the floors: Scrapy alone (the same spider, no item pipelines, no figure stage) and trafilatura
  alone (``trafilatura.extract`` on every page, in this process);
* the rules alone (``FigureExtractor.extract_many``) and spaCy's blank tokenizer alone on the kept texts;
* for the largest N, the same SQLite crawl pinned to one core (``workers`` then 1), for the wall-time ratio.

Politeness delays are off (the server is local): this measures the crawler's own cost. Each crawl
runs in its own process (Scrapy's reactor starts once per process) under a small wrapper that reads
its children's CPU and peak memory from ``getrusage``.

    python benchmarks/crawl_throughput.py                       # N = 500, 2000, 8000
    python benchmarks/crawl_throughput.py --sizes 200 --no-postgres --no-single-core   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_site import page_html, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RETRY_TIMES": 0, "LOG_LEVEL": "WARNING",
        "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16}  # fmt: skip
TARGETS = {"e2e_vs_floors": 1.3, "rules_vs_tokenizer": 2.0, "store_ms": 1.0, "wall_vs_single_core": 0.6,
           "recrawl_share": 0.03, "peak_mb": 300}  # fmt: skip


def measured(command: list[str], pin_one_core: bool = False) -> dict[str, float]:
    """Run ``command`` in a wrapper process; its wall time, its CPU and its largest process's peak RSS."""
    wrapper = [sys.executable, __file__, "--measure", "--pin" if pin_one_core else "--no-pin", "--", *command]
    out = subprocess.run(wrapper, cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"crawl failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_main(pin: bool, command: list[str]) -> int:
    """``--measure``: run ``command``, then print its resource use as JSON (children's rusage is fresh here)."""
    if pin:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    started = time.perf_counter()
    result = subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
    return result.returncode


def crawl(workdir: Path, name: str, site: Any, database_url: str, *, settings: dict[str, Any] | None = None,
          figures: bool = True, pin: bool = False) -> dict[str, Any]:  # fmt: skip
    config = workdir / f"{name}.json"
    report = workdir / f"{name}.report.json"
    config.write_text(json.dumps({"sources": site.sources(), "database_url": database_url,
                                  "settings": {**FAST, **(settings or {})}, "figures": figures}))  # fmt: skip
    usage = measured([sys.executable, "-m", "crawler.run", "--config-json", str(config), "--report-json", str(report)],
                     pin_one_core=pin)  # fmt: skip
    return {**usage, "report": json.loads(report.read_text())}


def kept_texts(database_url: str) -> list[tuple[str, Any]]:
    from sqlalchemy import select

    from store.database import open_database, session_factory
    from store.models import Article

    engine = open_database(database_url)
    try:
        with session_factory(engine)() as session:
            return [(text, published.date() if published else None)
                    for text, published in session.execute(select(Article.text, Article.published))]  # fmt: skip
    finally:
        engine.dispose()


def floors(n: int, base_url: str, texts: list[tuple[str, Any]], extractor: Any) -> dict[str, float]:
    """trafilatura alone per page; the rules and the blank tokenizer alone on the kept texts (CPU s)."""
    import trafilatura

    pages = [page_html(i, base_url) for i in range(n)]
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    trafilatura_s = time.process_time() - started
    from extract.text.article import extract_article

    started = time.process_time()
    for i, html in enumerate(pages):
        extract_article(html, url=f"{base_url}/{i}")
    article_s = time.process_time() - started
    started = time.process_time()
    for _ in extractor.extract_many(texts, batch_size=32):
        pass
    rules_s = time.process_time() - started
    started = time.process_time()
    for _ in extractor.nlp.tokenizer.pipe((text for text, _ in texts), batch_size=32):
        pass
    tokenizer_s = time.process_time() - started
    return {"trafilatura_ms": 1000 * trafilatura_s / n, "extract_article_ms": 1000 * article_s / n,
            "rules_s": rules_s, "tokenizer_s": tokenizer_s}  # fmt: skip


def run_size(n: int, postgres: str | None, single_core: bool, extractor: Any) -> dict[str, Any]:
    from store.testing import temporary_postgres_database

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="crawl-bench-")))
        site = stack.enter_context(serve(n))
        sqlite = f"sqlite:///{workdir / 'bench.db'}"
        result: dict[str, Any] = {"n": n}
        result["sqlite"] = crawl(workdir, "sqlite", site, sqlite)
        site.clear()
        result["recrawl"] = crawl(workdir, "recrawl", site, sqlite)
        result["recrawl"]["article_requests"] = sum(site.article_hits().values())
        result["scrapy_alone"] = crawl(workdir, "scrapy", site, f"sqlite:///{workdir / 'scrapy.db'}",
                                       settings={"ITEM_PIPELINES": {}}, figures=False)  # fmt: skip
        if postgres:
            pg_url = stack.enter_context(temporary_postgres_database(postgres, prefix="capexwatch_bench_"))
            result["postgres"] = crawl(workdir, "postgres", site, pg_url)
        if single_core:
            result["single_core"] = crawl(workdir, "single", site, f"sqlite:///{workdir / 'single.db'}", pin=True)
        texts = kept_texts(sqlite)
        result["kept"] = len(texts)
        result.update(floors(n, site.base_url, texts, extractor))
    return result


def per_page(run: dict[str, Any], n: int) -> str:
    report = run["report"]
    stage = report.get("figure_stage", {})
    store_ms = 1000 * (report.get("store_seconds", 0) + stage.get("store_seconds", 0)) / n
    return (f"{n / run['wall']:7.1f} pages/s  {1000 * run['cpu'] / n:6.2f} ms CPU/page  "
            f"peak {run['peak_mb']:5.0f} MB  store {store_ms:5.2f} ms/page  "
            f"(kept {report['articles_kept']}, {report['figures_found']} figures)")  # fmt: skip


def len_texts(r: dict[str, Any]) -> str:
    return f"{r['kept']:>5}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_size(r: dict[str, Any]) -> dict[str, bool]:
    n = r["n"]
    sqlite = r["sqlite"]
    print(f"\nN = {n} article pages ({r['kept']} kept)")
    print(f"  end to end, SQLite       {per_page(sqlite, n)}")
    if "postgres" in r:
        print(f"  end to end, PostgreSQL   {per_page(r['postgres'], n)}")
    print(f"  Scrapy alone             {n / r['scrapy_alone']['wall']:7.1f} pages/s  "
          f"{1000 * r['scrapy_alone']['cpu'] / n:6.2f} ms CPU/page")  # fmt: skip
    print(f"  trafilatura alone                       {r['trafilatura_ms']:6.2f} ms CPU/page")
    print(f"  extract_article alone (what the crawl runs: trafilatura + the project's options and clean-up)"
          f" {r['extract_article_ms']:6.2f} ms CPU/page")  # fmt: skip
    rules_ms = 1000 * r["rules_s"] / max(r["kept"], 1)
    print(f"  rules alone              {len_texts(r)} kept texts  {rules_ms:6.2f} ms CPU/article")
    print(f"  re-crawl (unchanged)     {r['recrawl']['wall']:7.2f} s wall  {r['recrawl']['cpu']:6.2f} s CPU  "
          f"{r['recrawl']['article_requests']} article pages requested")  # fmt: skip
    floor = 1000 * r["scrapy_alone"]["cpu"] / n + r["trafilatura_ms"]
    checks = {}
    e2e = 1000 * sqlite["cpu"] / n / floor
    checks["e2e_vs_floors"] = e2e <= TARGETS["e2e_vs_floors"]
    print(f"  ratio end to end / (Scrapy alone + trafilatura alone)  {e2e:5.2f}   target <= 1.3: "
          f"{verdict(checks['e2e_vs_floors'])}")  # fmt: skip
    rules = r["rules_s"] / r["tokenizer_s"] if r["tokenizer_s"] else float("nan")
    checks["rules_vs_tokenizer"] = rules <= TARGETS["rules_vs_tokenizer"]
    print(f"  rules / blank tokenizer on the kept texts            {rules:5.2f}   target <= 2: "
          f"{verdict(checks['rules_vs_tokenizer'])}  ({r['rules_s']:.2f} s vs {r['tokenizer_s']:.2f} s)")  # fmt: skip
    report = sqlite["report"]
    store_ms = 1000 * (report.get("store_seconds", 0) + report.get("figure_stage", {}).get("store_seconds", 0)) / n
    checks["store_ms"] = store_ms <= TARGETS["store_ms"]
    print(f"  store, SQLite (ms per page)                          {store_ms:5.2f}   target <= 1: "
          f"{verdict(checks['store_ms'])}")  # fmt: skip
    share = r["recrawl"]["cpu"] / sqlite["cpu"]
    checks["recrawl_share"] = share <= TARGETS["recrawl_share"]
    print(f"  re-crawl CPU / first crawl CPU                       {share:5.3f}   target <= 0.03: "
          f"{verdict(checks['recrawl_share'])}")  # fmt: skip
    peak = max(run["peak_mb"] for key, run in r.items() if isinstance(run, dict) and "peak_mb" in run)
    checks["peak_mb"] = peak < TARGETS["peak_mb"]
    print(f"  peak memory, largest process (MB)                    {peak:5.0f}   target < 300: "
          f"{verdict(checks['peak_mb'])}")  # fmt: skip
    if "single_core" in r:
        wall = sqlite["wall"] / r["single_core"]["wall"]
        checks["wall_vs_single_core"] = wall <= TARGETS["wall_vs_single_core"]
        print(f"  wall time / the same crawl on one core               {wall:5.2f}   target <= 0.6: "
              f"{verdict(checks['wall_vs_single_core'])}  "
              f"({sqlite['wall']:.1f} s vs {r['single_core']['wall']:.1f} s)")  # fmt: skip
    return checks


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        return measure_main(argv[1] == "--pin", argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,8000", help="comma-separated N (default 500,2000,8000)")
    parser.add_argument("--postgres", default=DEFAULT_PG, help=f"server for a scratch database ({DEFAULT_PG})")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL crawl")
    parser.add_argument("--no-single-core", action="store_true", help="skip the one-core crawl of the largest N")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    from extract.pipeline import FigureExtractor

    extractor = FigureExtractor()
    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}; load average at start {os.getloadavg()[0]:.1f} "
          "(other jobs share these cores: wall times vary)")  # fmt: skip
    results = []
    for n in sizes:
        single = not args.no_single_core and n == max(sizes)
        results.append(run_size(n, None if args.no_postgres else args.postgres, single, extractor))
        print_size(results[-1])
        print(f"  load average now {os.getloadavg()[0]:.1f}", flush=True)
    peaks = [max(r["sqlite"]["peak_mb"], r.get("postgres", r["sqlite"])["peak_mb"]) for r in results]
    if len(peaks) > 1:
        listed = ", ".join(f"{r['n']}: {p:.0f} MB" for r, p in zip(results, peaks, strict=True))
        print(f"\npeak memory by N: {listed}")
    command = [sys.executable, "benchmarks/crawl_throughput.py", "--sizes", args.sizes]
    command += ["--no-postgres"] if args.no_postgres else []
    command += ["--no-single-core"] if args.no_single_core else []
    print(f"reproduce: {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
