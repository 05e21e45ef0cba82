"""An article page's main text and metadata, via trafilatura, tuned for money figures.

Why a wrapper and not a bare ``trafilatura.bare_extraction`` call at each site:

* **One configuration, built once.** The ``Extractor`` options object is made at import; each call
  only copies it and sets the per-page fields (URL, today's date limit), so
  nothing re-reads configuration on the hot path.
* **Our own dedup, inside one page.** trafilatura's ``deduplicate`` keeps a process-wide LRU
  cache (the third page carrying the same wire story would come back empty) and, even with a
  fresh cache per call, its retry passes count the same text again and discard whole documents
  (3 of 181 AEB pages lost). So it is off, and exact repeated long lines (teaser + body copies,
  repeated pull-quotes) are dropped from the text instead.
* **Dates that keep their time and zone.** trafilatura's date is htmldate's ``YYYY-MM-DD``; a
  JSON-LD ``datePublished`` or ``article:published_time`` says more, and the feed's date is a
  better fallback than a date guessed from body text (so htmldate's extensive text search is off).
* **Bytes in any declared encoding.** BOM, HTTP charset, ``<meta charset>`` (GBK read as its
  superset GB18030), then UTF-8, then detection: the first that decodes cleanly wins.
* **Wire copy with hard line breaks** is rejoined, so a sentence stays on one line for the rules.

Settings were chosen by ``benchmarks/text_quality.py`` against trafilatura's default on real pages.
"""

from __future__ import annotations

import codecs
import copy
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document, Extractor
from trafilatura.utils import load_html

from extract.text.published import choose_published, htmldate_day, parse_datetime, published_date

LOGGER = logging.getLogger(__name__)

#: Extraction options, measured on the AEB corpus (see module docstring): comments off (reader
#: comments carry money figures that are not the article's), tables kept (capex tables are
#: content), trafilatura's dedup off (see above), precision focus: on 181 AEB pages it scored
#: precision .968 / recall .972 against balanced .956 / .980 — boilerplate money figures (related
#: boxes, tickers) cost more than the odd missed paragraph.
_OPTIONS = Extractor(
    output_format="python",
    comments=False,
    tables=True,
    dedup=False,
    precision=True,
    with_metadata=True,
)

#: The balanced second pass (see ``_extract``): run when the precision text is under
#: ``_SHORT_TEXT_CHARS``, taken when it is more than ``_BALANCED_TAKEOVER`` times longer. On AEB
#: this lifted recall .972 -> .977 at equal precision, at the cost of a second pass on short pages.
_BALANCED_WITH_METADATA = copy.copy(_OPTIONS)
_BALANCED_WITH_METADATA.focus = "balanced"
_BALANCED_OPTIONS = copy.copy(_BALANCED_WITH_METADATA)
_BALANCED_OPTIONS.with_metadata = False
_SHORT_TEXT_CHARS = 1000
_BALANCED_TAKEOVER = 2.0

#: A line repeated verbatim is dropped only from this length: short repeats ("Advertisement",
#: "Read more") are trafilatura's business, and short genuine repeats must stay.
_MIN_REPEATED_LINE = 50

#: A ``<meta charset>`` / ``http-equiv`` declaration within the first bytes of a page.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

#: Labels whose WHATWG decoder is a superset: GBK pages routinely use GB18030-only characters,
#: and "iso-8859-1" pages are in practice windows-1252 (curly quotes, euro sign).
_ENCODING_SUPERSETS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "x-gbk": "gb18030",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CANONICAL = etree.XPath("//link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
_OG_URL = etree.XPath("//meta[@property='og:url' or @name='og:url']/@content")
_LANG_META = etree.XPath(
    "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content"
    " | //meta[@property='og:locale']/@content"
)

#: A line that a sentence may continue past: no closing punctuation at its end.
_SENTENCE_END = re.compile(r"""[.!?:;"'\u201d\u2019)\]\u3002\uff01\uff1f]\s*$""")
#: Shortest text worth returning: below this it is a stray link or label ("Home"), not a sentence
#: that could carry a figure and whose it is.
_MIN_TEXT_CHARS = 25
#: Reader-comment sections, by whole class/id tokens (not substrings: "commentary" is content).
_COMMENT_SECTIONS = etree.XPath(
    "//*[@id='comments' or @id='disqus_thread' or @id='reader-comments'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-list ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' commentlist ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')]"
)
_BR = etree.XPath("//p//br | //div//br")
_TITLE_SEARCH_LINES = 3
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_CONTINUATION_START = re.compile(r"^[a-z0-9(\u00e0-\u00ff$€£¥]")


@dataclass(frozen=True, slots=True)
class ArticleContent:
    """What one article page says, main text only.

    ``text`` excludes comments, navigation, related-story boxes, tickers and newsletter/cookie
    boxes; its paragraphs are separated by ``"\\n"``. ``published`` is tz-aware when the page (or
    the fallback) gave a zone, naive when only a date or a zone-less time was found.
    ``canonical_url`` is ``None`` when the page declares none (the caller knows the fetched URL).
    ``language`` is the primary language subtag ("en", "zh") the page declares, if any.
    """

    text: str
    title: str | None
    author: str | None
    outlet: str | None
    published: datetime | None
    canonical_url: str | None
    language: str | None


def extract_article(
    html: str | bytes,
    url: str | None = None,
    fallback_published: datetime | None = None,
    *,
    encoding: str | None = None,
) -> ArticleContent | None:
    """Main text and metadata of an article page; ``None`` when the page has no main text.

    ``encoding`` is the charset the HTTP response declared, if any (it outranks ``<meta>``, as
    in browsers). ``fallback_published`` (e.g. the feed entry's date) is used only when the page
    itself states no publication date. Malformed HTML never raises: at worst this returns
    ``None``.
    """
    source = decode_html(html, encoding) if isinstance(html, bytes) else html
    if not source or not source.strip():
        return None
    # lxml refuses a str that still declares an encoding, and trafilatura's retry re-encodes it
    # as UTF-8 bytes that libxml2 would then read in the declared (wrong) charset.
    source = _XML_DECLARATION.sub("", source, count=1)
    try:
        tree = load_html(source)
    except (ValueError, TypeError, etree.ParserError) as err:
        LOGGER.debug("unparsable HTML at %s: %s", url, err)
        return None
    if tree is None:
        return None

    published = published_date(tree)
    canonical = canonical_url(tree, url)
    language = page_language(tree)
    join_soft_line_breaks(tree)
    drop_reader_comments(tree)
    document = _extract(tree, url)
    if document is None:
        return None
    text = drop_leading_title(drop_repeated_lines(unwrap_hard_breaks(document.text or "")), document.title)
    if len(text) < _MIN_TEXT_CHARS:
        return None

    return ArticleContent(
        text=text,
        title=_clean(document.title),
        author=_clean(document.author),
        outlet=_clean(document.sitename),
        published=choose_published(published, htmldate_day(document.date), fallback_published),
        canonical_url=canonical,
        language=language,
    )


def _extract(tree: HtmlElement, url: str | None) -> Document | None:
    """Precision first; a short result is checked against a balanced pass and replaced if poor.

    Precision mode has no second chance of its own (trafilatura retries only in balanced mode):
    on some pages it keeps a reprint notice and loses the story. When its text is short and a
    balanced pass finds much more, the balanced text is taken; the metadata stays.
    """
    document = _run_trafilatura(tree, url, _OPTIONS)
    text_length = len(document.text or "") if document is not None else 0
    if text_length >= _SHORT_TEXT_CHARS:
        return document
    balanced = _run_trafilatura(tree, url, _BALANCED_OPTIONS if document is not None else _BALANCED_WITH_METADATA)
    if balanced is None or len(balanced.text or "") <= _BALANCED_TAKEOVER * text_length:
        return document
    if document is None:
        return balanced
    document.text = balanced.text
    return document


def _run_trafilatura(tree: HtmlElement, url: str | None, template: Extractor) -> Document | None:
    """One trafilatura pass with ``template``'s options, made specific to this page."""
    options = copy.copy(template)
    options.url = url
    options.source = url
    # The date ceiling must be today, not the day the module was imported: a long-running
    # crawler would otherwise reject every newer date.
    options.date_params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }
    try:
        result = bare_extraction(tree, options=options)
    except (ValueError, TypeError, AttributeError, etree.LxmlError) as err:
        # trafilatura documents ValueError; the others come from odd trees lxml accepted.
        LOGGER.debug("extraction failed at %s: %s", url, err)
        return None
    return result if isinstance(result, Document) else None


# --- decoding ---------------------------------------------------------------------------------


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then the HTTP charset, the page's own declaration, UTF-8, detection.

    The first candidate that decodes without error wins, so a page that claims UTF-8 but is
    really GBK is still read; only when nothing decodes cleanly are bad bytes replaced.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    head = data[:_SNIFF_BYTES]
    candidates = [declared, *_declared_encodings(head), "utf-8"]
    for label in candidates:
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    guessed = _detect(data)
    return data.decode(guessed or "utf-8", errors="replace")


def _declared_encodings(head: bytes) -> Iterator[str]:
    """Encodings named by an XML declaration or a ``<meta>`` element in the page's first bytes."""
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            yield match.group(1).decode("ascii", errors="ignore")


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, widened to its superset; ``None`` if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _ENCODING_SUPERSETS.get(name, name)


def _detect(data: bytes) -> str | None:
    """Statistical guess, the last resort for undeclared legacy encodings."""
    from charset_normalizer import from_bytes  # imported late: rarely needed

    best = from_bytes(data[: 64 * 1024]).best()
    return _codec(best.encoding) if best is not None else None


# --- metadata ---------------------------------------------------------------------------------


def canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    """``<link rel=canonical>``, else ``og:url``, made absolute against the fetched URL."""
    for href in (*_CANONICAL(tree), *_OG_URL(tree)):
        href = str(href).strip()
        if not href:
            continue
        absolute = urljoin(url, href) if url else href
        if absolute.startswith(("http://", "https://")):
            return absolute
    return None


def page_language(tree: HtmlElement) -> str | None:
    """Primary language subtag from ``<html lang>``, Content-Language or ``og:locale``."""
    root = tree.getroottree().getroot()
    values = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"), *_LANG_META(tree)]
    for value in values:
        if value and value.strip():
            primary = re.split(r"[-_,\s]", value.strip(), maxsplit=1)[0].lower()
            if primary.isalpha() and 2 <= len(primary) <= 3:
                return primary
    return None


# --- text -------------------------------------------------------------------------------------


def join_soft_line_breaks(tree: HtmlElement) -> None:
    """Turn a lone ``<br>`` inside a sentence into a space, in place.

    Wire copy often keeps its teleprinter line breaks as ``<br>`` in the middle of sentences;
    left alone they split one sentence over several lines of text. A ``<br>`` after closing
    punctuation, or one of a ``<br><br>`` pair (a paragraph break on many sites), is kept.
    """
    for br in list(_BR(tree)):
        previous = br.getprevious()
        following = br.getnext()
        if previous is not None and previous.tag == "br" and not (previous.tail or "").strip():
            continue
        if following is not None and following.tag == "br" and not (br.tail or "").strip():
            continue
        before = (previous.tail if previous is not None else br.getparent().text) or ""
        if not before.strip() or _SENTENCE_END.search(before) or not (br.tail or "").strip():
            continue
        br.tail = " " + br.tail.lstrip()
        br.drop_tag()


def drop_reader_comments(tree: HtmlElement) -> None:
    """Remove reader-comment sections in place, before text and date extraction.

    trafilatura leaves comments out of the text already (``comments=False``), but htmldate still
    reads their ``<time>`` stamps: a page without structured dates would get the first comment's
    day as its publication date, and the feed's date would never be used.
    """
    for element in _COMMENT_SECTIONS(tree):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the section (its tail)


def drop_repeated_lines(text: str) -> str:
    """Keep the first copy of each long line; a page that prints its teaser twice says it once."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in text.split("\n"):
        if len(line) >= _MIN_REPEATED_LINE:
            if line in seen:
                continue
            seen.add(line)
        kept.append(line)
    return "\n".join(kept)


def drop_leading_title(text: str, title: str | None) -> str:
    """Remove the headline (and a kicker above it) from the start of the text.

    The title is kept in ``ArticleContent.title``; repeated at the top of ``text`` it would make
    every figure in a headline count twice, once without its attribution.
    """
    if not title:
        return text
    wanted = _normalise_line(title)
    lines = text.split("\n")
    for index, line in enumerate(lines[:_TITLE_SEARCH_LINES]):
        candidate = _normalise_line(line)
        if candidate and (candidate == wanted or _is_title_prefix(candidate, wanted)):
            return "\n".join(lines[index + 1 :]).strip()
    return text


def _is_title_prefix(line: str, title: str) -> bool:
    """``line`` is the title without a " | Outlet" / " - Outlet" suffix."""
    rest = title[len(line) : len(line) + 3].strip()
    return len(line) >= 20 and title.startswith(line) and rest in {"|", "-", "–", "—", ":"}


def _normalise_line(value: str) -> str:
    """Case-, space- and quote-insensitive form for comparing a headline with a text line."""
    value = value.translate(_QUOTES)
    return " ".join(value.split()).casefold()


def unwrap_hard_breaks(text: str) -> str:
    """Rejoin lines that wire copy broke mid-sentence; keep real paragraph breaks.

    A line is continued when it has no closing punctuation and the next line starts in
    lower case or with a number/currency sign ("... capital\\nspending of Rmb150bn").
    """
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and not _SENTENCE_END.search(out[-1]) and _CONTINUATION_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _clean(value: str | None) -> str | None:
    """Strip whitespace; empty becomes ``None``."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


__all__ = [
    "ArticleContent",
    "canonical_url",
    "choose_published",
    "decode_html",
    "drop_leading_title",
    "drop_reader_comments",
    "drop_repeated_lines",
    "extract_article",
    "join_soft_line_breaks",
    "page_language",
    "parse_datetime",
    "published_date",
    "unwrap_hard_breaks",
]
