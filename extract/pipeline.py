"""The public extractor: text in, ``Figure`` records out. Callers code against this module only.

``build_nlp`` assembles the rule pipeline on ``spacy.blank("en")`` (no model download, no NER,
no parser): the money tokenizer rules (and ``capexwatch_scale_stops``, which finishes what a
tokenizer rule cannot: "$7 B."), the sentence splitter, the money component, and then the
context components (metric, period, attribution, subject) when their modules are present. They
are optional so the money stage works, and can be tested, on its own.

``FigureExtractor`` builds that pipeline once (it is the expensive part) and turns each money
span into a ``Figure`` that keeps what was written beside what was read: the amount's text, its
character offsets, and its sentence (STYLE.md item 14).
"""

from __future__ import annotations

import datetime
import importlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import extract.money.component  # noqa: F401  (registers the "capexwatch_money" factory)
import extract.text.sentences  # noqa: F401  (registers the "capexwatch_sentences" component)
from extract.figure import Figure
from extract.money.tokenizer import customize_tokenizer
from extract.spans import MONEY_SPANS
from extract.version import RULESET
from extract.watch import DEFAULT_WATCH, Watch

#: Context components, in the order they run, with the module that registers each one.
CONTEXT_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("capexwatch_metric", "extract.context.metric.component"),
    ("capexwatch_period", "extract.context.year.component"),
    ("capexwatch_attribution", "extract.context.source.component"),
    ("capexwatch_subject", "extract.context.subject.component"),
)

#: The ``Figure.rule`` trail: (label in the trail, span extension holding the rule name).
_RULE_TRAIL: tuple[tuple[str, str], ...] = (
    ("money", "money_rule"),
    ("metric", "metric_rule"),
    ("year", "year_rule"),
    ("source", "source_rule"),
    ("subject", "subject_rule"),
)


def _context_component_available(factory: str, module: str) -> bool:
    """True when ``module`` imports and registers ``factory``. A missing module is expected
    while the context components are being written; any other import error is a real bug and
    is raised."""
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return False
    return Language.has_factory(factory)


def build_money_nlp() -> Language:
    """The money stage alone: blank English, money tokenizer, sentences, money amounts.

    The first half of :func:`build_nlp`, and what the money tests run, so they test the stage
    exactly as the pipeline assembles it.
    """
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    nlp.add_pipe("capexwatch_scale_stops")
    nlp.add_pipe("capexwatch_sentences")
    nlp.add_pipe("capexwatch_money")
    return nlp


def build_nlp(watch: Watch = DEFAULT_WATCH) -> Language:
    """The rule pipeline for ``watch``: the money stage, then the context components."""
    nlp = build_money_nlp()
    for factory, module in CONTEXT_COMPONENTS:
        if not _context_component_available(factory, module):
            continue
        # Components that need to know the watched company say so by declaring it in their
        # default config (subject, attribution); the others take none.
        declared = Language.get_factory_meta(factory).default_config or {}
        watch_config = {"subject": watch.subject, "aliases": list(watch.aliases)}
        nlp.add_pipe(factory, config={k: v for k, v in watch_config.items() if k in declared})
    return nlp


def _rule_trail(span: Span) -> str:
    """ "money=symbol_number_scale;year=year_in" — only the stages that said something."""
    parts = []
    for label, attribute in _RULE_TRAIL:
        value = getattr(span._, attribute)
        if value:
            parts.append(f"{label}={value}")
    return ";".join(parts)


def _sentence(doc: Doc, bounds: tuple[int, int]) -> tuple[str, int]:
    """The sentence ``bounds`` (token indices) without surrounding whitespace, and its offset."""
    sent = doc[bounds[0]:bounds[1]]
    text = sent.text
    stripped = text.lstrip()
    start = sent.start_char + len(text) - len(stripped)
    return stripped.rstrip(), start


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of every sentence, computed once per document (``Span.sent`` walks the
    whole document on each call)."""
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    return [(0, len(doc))]


def figures_from_doc(doc: Doc) -> list[Figure]:
    """Every money span of a processed ``doc`` as a ``Figure``, in text order."""
    if MONEY_SPANS not in doc.spans or not doc.spans[MONEY_SPANS]:
        return []
    bounds = _sentence_bounds(doc)
    starts = [start for start, _ in bounds]
    figures: list[Figure] = []
    for span in sorted(doc.spans[MONEY_SPANS], key=lambda s: s.start_char):
        position = max(bisect_right(starts, span.start) - 1, 0)
        sentence, sentence_start = _sentence(doc, bounds[position])
        figures.append(
            Figure(
                amount=span._.amount,
                amount_high=span._.amount_high,
                currency=span._.currency,
                year=span._.year,
                source=span._.source,
                subject=span._.subject,
                text=span.text,
                sentence=sentence,
                start=span.start_char,
                end=span.end_char,
                sentence_start=sentence_start,
                qualifier=span._.qualifier,
                metric=span._.metric or "other",
                claim=span._.claim or 0,
                anonymous=bool(span._.anonymous),
                rule=_rule_trail(span),
                ruleset=RULESET,
            )
        )
    return figures


class FigureExtractor:
    """Finds money figures in article text. Build one and reuse it: the pipeline is built once."""

    ruleset: str = RULESET

    def __init__(self, watch: Watch = DEFAULT_WATCH) -> None:
        self.watch = watch
        self.nlp = build_nlp(watch)

    def _make_doc(self, text: str, published: datetime.date | None) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.published = published
        return doc

    def extract(self, text: str, published: datetime.date | None = None) -> list[Figure]:
        """The figures in ``text``; ``published`` resolves "this year", "last year", ..."""
        doc = self._make_doc(text, published)
        for _name, component in self.nlp.pipeline:
            doc = component(doc)
        return figures_from_doc(doc)

    def extract_many(
        self,
        records: Iterable[tuple[str, datetime.date | None]],
        batch_size: int = 32,
    ) -> Iterator[list[Figure]]:
        """``extract`` over many ``(text, published)`` records, batched with ``nlp.pipe``.

        Yields one list per record, in input order.
        """
        docs = (self._make_doc(text, published) for text, published in records)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield figures_from_doc(doc)
