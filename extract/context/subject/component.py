"""Whose money a figure is (``span._.subject``): the company that spends, earns, is valued or sells.

Follows gold/CONVENTIONS.md: the company named in the figure's clause, as named; the watch's
aliases ("the TikTok owner", "TikTok's parent company", "字节跳动") resolve to the watch subject;
"the company", "the group", "it" resolve to the nearest company named before them in the same
paragraph that fits their words ("the Finnish group" -> Nokia; ``extract.context.names.references``); "it"
right after "X said" is X; an executive's "he said" speaks for the company named before. Outlets
and people are never subjects; research firms and companies in a source's
position ("Alibaba said …") only when nothing else is named (then "it" in "Alibaba said it would
spend" still finds Alibaba).

How: names come from ``extract.context.names.finder`` (word lists and capitalisation). Each name gets
a *role* from the words around it (``candidates.py``): the spender's position, an object ("chips from
Huawei"), a source ("according to Jefferies"), a speaker ("Jefferies analysts wrote"), an
apposition ("Volcano Engine, ByteDance's cloud arm, …"), a possessive modifier ("ByteDance's
Volcano Engine"), a relative clause ("The company, which owns TikTok, …"), an example
("including one by TikTok"), a supplier named before its product ("Huawei Ascend chips worth …":
the buyer's money, unless the figure is the product's price). Each figure takes the candidate with
the lowest cost: token
distance, plus a cost per clause break, plus the role's penalty (``choose.PENALTIES``); names after the
figure count only in its own clause and before any other figure. Names listed together ("Microsoft and
Meta spent $21.4bn and $13.7bn, respectively") pair with figures in order; a joint subject
without "respectively" ("OpenAI, SoftBank and Oracle will invest $500bn") is no single company,
so null. The deciding rule is recorded in ``span._.subject_rule``.

Whole articles add a few readings: a list line under a company's header ("Samsung said it
expected the following:" / "Revenue: 86 trillion won") takes the header's company
(``choose.list_header``); a figure set against the one before ("…, compared with analysts' estimate of
$208bn") keeps its company (``choose.compared``); an analyst's price target is the stock's company
(``choose._price_target``); a consortium or joint venture the sentence does not name, a market's size
and a combined total are no one company's (``choose.py``);
a company invested in ("its stake in Anthropic") is never the subject of the investor's gain.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import claims, money_by_sentence, paragraph_index, ties_to_previous
from extract.context.common.lines import Lines
from extract.context.names.article import ARTICLE_COMPANIES
from extract.context.names.finder import shared_finder
from extract.context.source.words import REPORT_VERBS
from extract.context.subject.candidates import CandidateReader
from extract.context.subject.choose import about_the_article, choose, compared, inherit, list_header, pair
from extract.lexicon import words
from extract.spans import register_extensions
from extract.watch import DEFAULT_WATCH

register_extensions()


class SubjectComponent:
    """Sets ``span._.subject`` and ``span._.subject_rule`` on every money span."""

    def __init__(self, subject: str, aliases: Sequence[str]) -> None:
        self.finder = shared_finder(subject, tuple(aliases))
        self.reader = CandidateReader(words(REPORT_VERBS))

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(money_by_sentence(doc))
        if not sentences:
            return doc
        names = self.finder(doc)
        paragraph = paragraph_index(doc)
        candidates, unresolved = self.reader.candidates(doc, names, paragraph)
        article = ARTICLE_COMPANIES(doc, names)
        lines = Lines(doc)
        previous: tuple[Span, list[Span]] | None = None
        for sent, spans in sentences:
            in_sent = [c for c in candidates.within(sent.start, sent.end) if c.end <= sent.end]
            groups = claims(spans)
            paired = pair(doc, sent, groups, in_sent)
            for index, group in enumerate(groups):
                if paired is not None:
                    subject, rule = paired[index].name, "respectively"
                else:
                    # the group's own equivalents ("85bn yuan (about $12.2bn)") are no other figure
                    others = [span.start for span in spans if not any(span is mine for mine in group)]
                    subject, rule = choose(doc, sent, group, in_sent, others)
                if subject is None and rule == "none" and index > 0:
                    subject, rule = compared(doc, groups[index - 1], group)
                if subject is None and rule == "none":
                    subject, rule = list_header(lines, candidates, min(span.start for span in group))
                if subject is None and rule == "none" and unresolved.within(sent.start, sent.end) \
                        and not ties_to_previous(sent):  # "About 85bn yuan of that …, although the company's …"
                    rule = "unresolved_reference"  # "The group will…" with no company named before
                elif subject is None and rule == "none" and previous is not None:
                    subject, rule = inherit(sent, previous)
                if subject is None and rule in ("none", "unresolved_reference") and article is not None \
                        and about_the_article(doc, sent, group, in_sent):
                    # "Third-quarter revenue hit $51.2bn." in a Meta story: a figure in a clause
                    # that names no company, plainly about the article's company's finances
                    subject, rule = article.name, "article_company"
                for span in group:
                    span._.subject = subject
                    span._.subject_rule = rule
            previous = (sent, spans)
        return doc



@Language.factory(
    "capexwatch_subject",
    default_config={"subject": DEFAULT_WATCH.subject, "aliases": list(DEFAULT_WATCH.aliases)},
    assigns=["span._.subject", "span._.subject_rule"],
)
def make_subject_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> SubjectComponent:
    """Factory for the subject rules; ``subject`` and ``aliases`` come from the watch."""
    return SubjectComponent(subject, aliases)
