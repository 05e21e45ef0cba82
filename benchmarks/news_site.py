"""A generated local news site for crawl benchmarks and the distributed-crawl test.

N article pages, written deterministically from their number (nothing is stored: page ``i`` is
built when asked for), in four layouts that real outlets use — a semantic ``<article>``, a
``div`` soup with a sidebar, a wire story with a JSON-LD date, and a blog post with reader
comments. A third of them are about the default watch (ByteDance's capital spending, with money
figures); the rest are other business, sport and weather news, some with money of their own.
Every page carries boilerplate bait: a "most read" box, a ticker and a newsletter box that name
ByteDance and capex, so a crawler that reads boilerplate as text keeps pages it should not.

The site lists its pages in a news sitemap index (sitemaps of 500 URLs) and an RSS feed of the
newest 200 (which the sitemaps list too). ``serve(n)`` runs it on 127.0.0.1 and logs every path.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

SITEMAP_SIZE = 500
FEED_SIZE = 200
LAYOUTS = ("article", "divs", "wire", "blog")

WATCH_SENTENCES = (
    "ByteDance plans to spend Rmb{a}bn on AI infrastructure in {y}, people familiar with the matter told Reuters.",
    "The TikTok owner has set aside ${b}bn for data centre capacity outside China, according to a company memo.",
    "ByteDance's capital expenditure reached {a} billion yuan last year, the Financial Times reported.",
    "Analysts at Morgan Stanley estimate ByteDance will buy ${b}bn of GPU chips in {y}.",
    "The company, which owns TikTok and Douyin, did not comment on the capex figures.",
    "A person close to ByteDance said the budget for AI chips could still change before the end of the year.",
)
OTHER_SENTENCES = (
    "Retail sales rose {p}% in October as shoppers spent ${b}bn on electronics and clothing.",
    "The home side won 3-1 after a late goal in front of a crowd of {k},000 at the harbour stadium.",
    "Heavy rain is forecast across the region this weekend, with winds of up to {p}0 km/h on the coast.",
    "The city council approved a budget of ${b}m for new bus lanes and cycle paths, officials said.",
    "Shares of the carmaker fell {p}% after it cut its delivery forecast for the third time this year.",
    "The museum reopens on Saturday after a two-year renovation that cost about €{b}m.",
    "Farmers warned that the dry spring could cut the wheat harvest by as much as {p}0 per cent.",
)
FILLER = (
    "Officials declined to give further details when asked on Tuesday.",
    "The figures have not been independently verified.",
    "Industry observers expect more announcements in the coming weeks.",
    "The plan still needs approval from the board, which meets next month.",
    "Competitors have made similar commitments over the past year.",
)
BAIT = (
    '<aside class="most-read"><h3>Most read</h3><ul><li><a href="/x/1">ByteDance capex to hit record as '
    "AI race heats up</a></li><li><a href=\"/x/2\">TikTok owner's data centre spending explained</a></li>"
    '<li><a href="/x/3">Chips: who is buying the most GPUs?</a></li></ul></aside>'
    '<div class="ticker">MARKETS: ByteDance valuation $300bn · Nvidia +2% · capex tracker updated</div>'
    '<div class="newsletter"><p>Get our capex briefing: ByteDance, Alibaba and Tencent spending, every '
    "Monday.</p><form><input name=email><button>Sign up</button></form></div>"
)


#: What real pages carry besides the story (menus, footers, scripts): most of a news page's bytes.
MENU = "<nav class=mega>" + "".join(f'<a href="/section/{k}">Section {k}</a>' for k in range(150)) + "</nav>"
FOOTER_LINKS = "<div class=links>" + "".join(f'<a href="/about/{k}">About page {k}</a> ' for k in range(100)) + "</div>"
SCRIPT = "<script>window.__STATE__ = " + repr({f"key{k}": "x" * 40 for k in range(120)}) + ";</script>"


def is_about_watch(i: int) -> bool:
    """A third of the pages are about the watch."""
    return i % 3 == 0


def page_path(i: int) -> str:
    section = ("tech", "business", "world", "sport")[i % 4]
    return f"/news/{section}/story-{i:05d}.html"


#: Made-up words for each page's own sentences, so no two pages share most of their text (a
#: tokenizer's cache would otherwise make every page after the first nearly free).
_SYLLABLES = ("ka", "lo", "mi", "ra", "te", "no", "vu", "shi", "den", "por", "lin", "qua", "bel", "mor", "zen")


def _own_sentence(rng: random.Random) -> str:
    words = ["".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) for _ in range(rng.randint(9, 18))]
    return " ".join(words).capitalize() + "."


def _paragraphs(i: int) -> list[str]:
    rng = random.Random(i)
    values = {"a": rng.randint(80, 200), "b": rng.randint(2, 40), "y": rng.choice((2025, 2026)),
              "p": rng.randint(2, 9), "k": rng.randint(10, 60)}  # fmt: skip
    topic = WATCH_SENTENCES if is_about_watch(i) else OTHER_SENTENCES
    paragraphs = []
    for _ in range(rng.randint(7, 12)):
        sentences = [rng.choice(topic).format(**values), rng.choice(FILLER), _own_sentence(rng), _own_sentence(rng)]
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _title(i: int) -> str:
    if is_about_watch(i):
        return f"ByteDance lifts AI spending plan, story {i}"
    return f"{('Retail', 'Sport', 'Weather', 'City', 'Markets')[i % 5]} news, story {i}"


def page_html(i: int, base_url: str) -> str:
    """Page ``i`` in its layout, with boilerplate bait around the story."""
    title = escape(_title(i))
    body = "".join(f"<p>{escape(p)}</p>" for p in _paragraphs(i))
    day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
    url = f"{base_url}{page_path(i)}"
    nav = MENU
    head = (f'<head><meta charset="utf-8"><title>{title} | Harbour Times</title>'
            f'<link rel="canonical" href="{url}"><meta property="article:published_time" content="{day}T08:00:00Z">'
            f"{SCRIPT}</head>")  # fmt: skip
    layout = LAYOUTS[i % len(LAYOUTS)]
    if layout == "article":
        main = f"<main><article><h1>{title}</h1><p class=byline>By Staff Reporter</p>{body}</article>{BAIT}</main>"
    elif layout == "divs":
        main = (f'<div class="wrap"><div class="col-main"><h1 class="headline">{title}</h1>'
                f'<div class="story-body">{body}</div></div><div class="col-side">{BAIT}</div></div>')  # fmt: skip
    elif layout == "wire":
        ld = f'{{"@type": "NewsArticle", "headline": "{title}", "datePublished": "{day}T06:30:00Z"}}'
        main = (f'<script type="application/ld+json">{ld}</script><div id="story"><h1>{title}</h1>'
                f'<div class="dateline">HONG KONG (Wire)</div>{body}</div>{BAIT}')  # fmt: skip
    else:
        comments = "".join(
            f'<div class="comment"><p>Reader {n}: ByteDance capex is out of control, $999bn soon!</p></div>'
            for n in range(3)
        )
        main = (f'<div class="post"><h1 class="entry-title">{title}</h1><div class="entry-content">{body}</div>'
                f'</div><section id="comments" class="comments">{comments}</section>{BAIT}')  # fmt: skip
    footer = f"<footer>{FOOTER_LINKS}<p>© Harbour Times. Cookies help us deliver our services.</p></footer>"
    return f"<!DOCTYPE html><html lang=en>{head}<body>{nav}{main}{footer}</body></html>"


def sitemap_index(n: int, base_url: str) -> str:
    parts = "".join(
        f"<sitemap><loc>{base_url}/sitemaps/news-{k}.xml</loc></sitemap>"
        for k in range((n + SITEMAP_SIZE - 1) // SITEMAP_SIZE)
    )
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{parts}</sitemapindex>'


def news_sitemap(k: int, n: int, base_url: str) -> str:
    entries = "".join(
        f"<url><loc>{base_url}{page_path(i)}</loc><news:news><news:publication><news:name>Harbour Times"
        f"</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-01-01"
        f"T00:00:00Z</news:publication_date><news:title>{escape(_title(i))}</news:title></news:news></url>"
        for i in range(k * SITEMAP_SIZE, min(n, (k + 1) * SITEMAP_SIZE))
    )
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>')  # fmt: skip


def feed(n: int, base_url: str) -> str:
    items = "".join(
        f"<item><title>{escape(_title(i))}</title><link>{base_url}{page_path(i)}?utm_source=rss</link>"
        f"<pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate></item>"
        for i in range(max(0, n - FEED_SIZE), n)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>{items}</channel></rss>'


class NewsSite(ThreadingHTTPServer):
    """The site for ``n`` pages, with a thread-safe count of requests per path."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, n: int, delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.n = n
        self.delay = delay  # seconds before each article page is served (a slow publisher)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def sources(self) -> list[dict[str, str]]:
        """The site as capexwatch sources: its sitemap index and its feed."""
        return [
            {"name": "Harbour Times sitemap", "kind": "sitemap", "url": f"{self.base_url}/sitemap-index.xml"},
            {"name": "Harbour Times feed", "kind": "feed", "url": f"{self.base_url}/rss.xml"},
        ]

    def article_hits(self) -> Counter[str]:
        """Requests per article path (query strings dropped)."""
        with self.lock:
            return Counter({path: count for path, count in self.hits.items() if path.startswith("/news/")})

    def clear(self) -> None:
        with self.lock:
            self.hits.clear()


class _Handler(BaseHTTPRequestHandler):
    server: NewsSite

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the log is the server's ``hits``."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
        base, n = self.server.base_url, self.server.n
        if path == "/robots.txt":
            return self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/sitemap-index.xml":
            return self._send(sitemap_index(n, base).encode(), "application/xml")
        if path.startswith("/sitemaps/news-") and path.endswith(".xml"):
            return self._send(news_sitemap(int(path[len("/sitemaps/news-") : -4]), n, base).encode(), "application/xml")
        if path == "/rss.xml":
            return self._send(feed(n, base).encode(), "application/rss+xml")
        if path.startswith("/news/") and path.endswith(".html"):
            try:
                i = int(path.rsplit("-", 1)[1][:-5])
            except ValueError:
                i = -1
            if 0 <= i < n and page_path(i) == path:
                if self.server.delay:
                    time.sleep(self.server.delay)
                return self._send(page_html(i, base).encode(), "text/html; charset=utf-8")
        self._send(b"<html><body>not found</body></html>", "text/html", status=404)

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve(n: int, delay: float = 0.0) -> Iterator[NewsSite]:
    """Run the site for ``n`` pages on 127.0.0.1 (a free port) for the duration of the block."""
    site = NewsSite(n, delay)
    thread = threading.Thread(target=site.serve_forever, name="news-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()
        thread.join()
