"""The benchmark scripts still run: each on a tiny corpus made here (never the shared one).

They are not timed here — only that they finish, print their ratios and the command that
reproduces them, so a refactor cannot silently break the measurements the README quotes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

PAGES = {
    "bytedance": (
        "ByteDance budget",
        "ByteDance plans to spend Rmb150bn on AI infrastructure this year, Reuters reported, as the TikTok"
        " owner races to buy chips. Rival Alibaba has pledged more than 380 billion yuan over three years.",
    ),
    "weather": ("Weekend weather", "Heavy rain is forecast for the weekend across the region, with strong winds."),
    "retail": ("Retail sales", "Retail sales rose 3% in October as shoppers spent $12 billion on electronics."),
}


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>Part {n}. {body}</p>" for n in range(1, 4))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World | Tech</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>© News</footer></body></html>"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "html").mkdir()
    truth = {}
    for name, (title, body) in PAGES.items():
        digest = hashlib.sha256(name.encode()).hexdigest()
        (root / "html" / f"{digest}.html.gz").write_bytes(gzip.compress(page(title, body).encode()))
        truth[digest] = {
            "url": f"https://news.example/{name}",
            "articleBody": "\n".join(f"Part {n}. {body}" for n in range(1, 4)),
        }
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True, text=True, timeout=240, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "reproduce:" in result.stdout
    return result.stdout


def test_extract_speed_prints_its_ratios(corpus: Path) -> None:
    out = run("extract_speed.py", "--corpus", str(corpus / "html"), "--repeats", "1")
    assert "rules / tokenizer" in out and "x trafilatura alone" in out


def test_text_quality_compares_with_trafilatura(corpus: Path) -> None:
    out = run("text_quality.py", "--corpus", str(corpus))
    assert "F1 ratio (capexwatch / default)" in out


def test_crawl_throughput_prints_every_ratio_against_its_target() -> None:
    out = run("crawl_throughput.py", "--sizes", "30", "--no-postgres", "--no-single-core")
    assert "N = 30 article pages (10 kept)" in out  # a third of the generated pages are about the watch
    for ratio in ("(Scrapy alone + trafilatura alone)", "rules / blank tokenizer", "store, SQLite",
                  "re-crawl CPU / first crawl CPU", "peak memory"):  # fmt: skip
        assert ratio in out and "target" in out.split(ratio, 1)[1].splitlines()[0]


def test_review_speed_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "review_speed.py"), "--figures", "3"],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "3 decisions (approve + the queue page after it): median" in result.stdout
    assert "command: python benchmarks/review_speed.py --figures 3" in result.stdout
