"""The spaCy extension attributes the rule components share — the contract between them.

The money component (``extract/money/component.py``) puts one span per money amount in
``doc.spans[MONEY_SPANS]`` and fills the money attributes; the context components
(period, attribution, subject, metric) read those spans and fill the rest. Registered once, at
import, never inside a component's ``__call__`` (spaCy's documented way).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

MONEY_SPANS = "capexwatch_money"

#: Doc-level inputs, set by the caller before the components run.
_DOC_EXTENSIONS: dict[str, object] = {
    "published": None,  # datetime.date | None: resolves "this year", "last year", ...
}

#: Span-level results, one set per money span.
_SPAN_EXTENSIONS: dict[str, object] = {
    # money component
    "amount": None,  # Decimal, currency units
    "amount_high": None,  # Decimal | None, top of a range
    "currency": None,  # ISO 4217 code
    "qualifier": None,  # "about", "more than", "up to", ...
    "claim": None,  # int: equivalents written side by side share it
    "money_rule": None,  # str: name of the pattern that found the amount
    # context components
    "metric": None,  # "capex", "revenue", "valuation", "price", "other"
    "metric_rule": None,
    "year": None,  # int | None
    "year_rule": None,
    "source": None,  # str | None, as named; a chain joined with "; " (reporting outlet first)
    "anonymous": False,  # True for "people familiar with the matter" and the like
    "source_rule": None,
    "subject": None,  # str | None: whose money it is; watch aliases resolve to the watch subject
    "subject_rule": None,
}


def register_extensions() -> None:
    """Register every extension once; safe to call again (imports may run it several times)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
