"""extract_article on the demo site's layouts and on awkward inputs, through real trafilatura."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from capexwatch.demo import DEMO_SITE_DIR, EXPECTED
from extract.text.article import ArticleContent, decode_html, extract_article, unwrap_hard_breaks

BASE = "http://127.0.0.1:8765"
EXPECTED_BY_PATH = {article["path"]: article for article in EXPECTED}


def page(path: str) -> str:
    """A demo page as the server would send it (templates filled with a fixed base URL)."""
    return (DEMO_SITE_DIR / path.lstrip("/")).read_text(encoding="utf-8").replace("{base}", BASE)


def extracted(path: str, query: str = "", **kwargs: object) -> ArticleContent:
    result = extract_article(page(path), BASE + path + query, **kwargs)  # type: ignore[arg-type]
    assert result is not None, path
    return result


@pytest.mark.parametrize("path", sorted(EXPECTED_BY_PATH))
def test_main_text_has_the_figures_and_none_of_the_boilerplate(path: str) -> None:
    expected = EXPECTED_BY_PATH[path]
    text = extracted(path).text
    for figure in expected["figures"]:
        assert figure["text"] in text, figure["text"]
    for snippet in expected["in_text"]:
        assert snippet in text, snippet
    for snippet in expected["not_in_text"]:
        assert snippet not in text, snippet


@pytest.mark.parametrize("path", sorted(EXPECTED_BY_PATH))
def test_metadata(path: str) -> None:
    expected = EXPECTED_BY_PATH[path]
    article = extracted(path, fallback_published=datetime(2025, 1, 23, 3, 12, 45, tzinfo=timezone.utc))
    assert article.title == expected["title"]
    assert article.author == expected["author"]
    assert article.outlet == expected["outlet"]
    assert article.language == "en"
    assert article.published is not None
    assert article.published.date().isoformat() == expected["published"][:10]
    if len(expected["published"]) > 10:
        assert article.published == datetime.fromisoformat(expected["published"])
    canonical = BASE + expected["canonical"] if expected["canonical"] else None
    assert article.canonical_url == canonical


def test_headline_is_not_repeated_at_the_top_of_the_text() -> None:
    article = extracted("/ledger/tech/bytedance-2026-ai-budget.html")
    assert article.title is not None
    assert article.title not in article.text
    assert article.text.startswith("ByteDance plans to lift its capital expenditure to Rmb160bn")


def test_wire_hard_line_breaks_are_joined_into_sentences() -> None:
    text = extracted("/wire/story/bytedance-ai-budget-2025.html").text
    assert "has set aside 150 billion yuan ($20.6 billion) for capital expenditure in 2025, with most" in text
    # Real paragraph breaks survive: the footnote stays on its own line.
    assert "\n($1 = 7.2712 Chinese yuan)\n" in text


def test_relative_canonical_resolves_against_the_tracking_url() -> None:
    path = "/ledger/tech/bytedance-2026-ai-budget.html"
    html = page(path).replace(f'content="{BASE}{path}"', 'content=""')  # leave only the relative <link>
    article = extract_article(html, f"{BASE}{path}?utm_source=rss&utm_medium=feed")
    assert article is not None
    assert article.canonical_url == BASE + path


def test_page_without_a_date_takes_the_fallback() -> None:
    fallback = datetime(2025, 1, 23, 3, 12, 45, tzinfo=timezone.utc)
    article = extracted("/wire/story/bytedance-ai-budget-2025.html", fallback_published=fallback)
    assert article.published == fallback
    assert extracted("/wire/story/bytedance-ai-budget-2025.html").published is None


def test_page_date_wins_over_the_fallback_and_keeps_its_zone() -> None:
    article = extracted("/circuit/posts/bytedance-overseas-nvidia-gpus.html", fallback_published=datetime(2020, 1, 1))
    assert article.published == datetime(2025, 12, 30, 14, 5, tzinfo=timezone(timedelta(hours=-8)))


def test_comment_timestamps_are_not_the_publication_date() -> None:
    html = page("/ledger/tech/bytedance-2026-ai-budget.html")
    start, end = html.index('<script type="application/ld+json">'), html.index("</script>") + len("</script>")
    article = extract_article(html[:start] + html[end:], BASE + "/ledger/tech/x.html")
    assert article is not None
    assert article.published is None or article.published.date().isoformat() != "2025-12-24"


GBK_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="gbk">
<title>字节跳动资本开支</title><meta property="og:site_name" content="示例财经"></head><body>
<article><h1>字节跳动计划明年资本开支1600亿元</h1>
<p>据英国《金融时报》报道，字节跳动计划在2026年投入1600亿元人民币用于人工智能基础设施，高于今年的1500亿元。</p>
<p>报道称，其中约850亿元将用于采购人工智能芯片，其余用于数据中心建设。字节跳动回应称相关报道不准确。</p>
<p>分析人士认为，阿里巴巴和腾讯等国内科技公司也将继续加大在算力方面的投入，行业竞争日趋激烈。</p>
</article></body></html>"""


def test_gbk_bytes_are_decoded_by_their_meta_charset() -> None:
    article = extract_article(GBK_PAGE.encode("gbk"), "https://example.cn/a/1")
    assert article is not None
    assert "字节跳动计划在2026年投入1600亿元人民币" in article.text
    assert article.outlet == "示例财经"
    assert article.language == "zh"


def test_gbk_with_an_xml_declaration_and_a_gb18030_only_character() -> None:
    html = '<?xml version="1.0" encoding="gbk"?>' + GBK_PAGE.replace("分析人士", "分析人士\u9fa6")
    article = extract_article(html.encode("gb18030"), "https://example.cn/a/2")
    assert article is not None
    assert "\u9fa6" in article.text


def test_http_charset_outranks_a_wrong_meta_declaration() -> None:
    html = GBK_PAGE.replace('charset="gbk"', 'charset="utf-8"').encode("gbk")
    assert "字节跳动" in decode_html(html, "GBK")
    assert "字节跳动" in decode_html(html)  # invalid as UTF-8, so the next candidate is tried


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        b"",
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_pages_without_main_text_give_none(html: str | bytes) -> None:
    assert extract_article(html, "https://example.com/") is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Unclosed <b>bold <i>and italic <div>ByteDance plans Rmb160bn</p></body>",
        "<<<>>> </html> <p ByteDance",
        b"\xff\xfe\x00<\x00h\x00t\x00m\x00l",
        b"\x00\x01\x02 binary \xff\xfe garbage \x80\x81",
        "<html><head><script type='application/ld+json'>{not json</script></head><body>"
        "<article><p>" + "ByteDance plans to spend more on data centres next year. " * 8 + "</p></article></body></html>",
        "<html><head><meta charset='no-such-codec'></head><body><p>x</p></body></html>",
    ],
)
def test_malformed_html_does_not_raise(html: str | bytes) -> None:
    result = extract_article(html, "https://example.com/a")
    assert result is None or isinstance(result.text, str)


def test_invalid_json_ld_still_yields_text() -> None:
    html = (
        "<html><head><script type='application/ld+json'>{not json</script></head><body><article><p>"
        + "ByteDance plans to spend more on data centres next year. " * 8
        + "</p></article></body></html>"
    )
    article = extract_article(html, "https://example.com/a")
    assert article is not None
    assert "data centres" in article.text


def test_unwrap_hard_breaks_joins_only_continuations() -> None:
    assert unwrap_hard_breaks("set aside\n150 billion yuan for\ncapital spending.\nNext para") == (
        "set aside 150 billion yuan for capital spending.\nNext para"
    )


def test_the_same_article_twice_is_extracted_twice() -> None:
    """No state leaks between calls: a syndicated story seen again is not emptied as a duplicate."""
    path = "/ledger/tech/bytedance-2026-ai-budget.html"
    texts = {extracted(path, f"?n={n}").text for n in range(4)}
    assert len(texts) == 1
    assert "Rmb160bn" in texts.pop()


def test_demo_site_dir_is_a_directory() -> None:
    assert isinstance(DEMO_SITE_DIR, Path) and DEMO_SITE_DIR.is_dir()


def test_a_feed_timestamp_refines_a_day_found_in_the_url() -> None:
    """htmldate reads the day from a dated URL; the feed's timestamp for that day is kept."""
    html = "<html><body><article>" + "<p>ByteDance plans to spend more on data centres next year, the report said.</p>" * 3
    html += "</article></body></html>"
    url = "https://news.example.com/2025/12/23/bytedance-budget.html"
    fallback = datetime(2025, 12, 23, 6, 30, tzinfo=timezone.utc)
    assert extract_article(html, url, fallback_published=fallback).published == fallback  # type: ignore[union-attr]
    other_day = datetime(2025, 12, 25, 6, 30, tzinfo=timezone.utc)
    assert extract_article(html, url, fallback_published=other_day).published == datetime(2025, 12, 23)  # type: ignore[union-attr]
