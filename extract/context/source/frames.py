"""Attribution frames: the word patterns that attribute a figure to someone, read off the tokens.

A blank pipeline has no parser, so a frame is a cue and the words next to it: "X said",
"said X", "according to X", "citing X", "told X", "cited by X", "X put the figure at",
", saying". ``FrameReader.frames`` finds them in the sentences that matter and returns, for
each, who is named (as written, without a leading "the"), whether they are anonymous, the rule
that read it, and its *scope*: a frame whose verb goes on to say something ("Reuters reported
that…") speaks for what follows it, one that closes its clause ("…, Reuters reported.") for what
precedes it. The words a cue points to are read by ``phrases.py`` and ``speakers.py``, where
references are resolved: "the newspaper said" -> the outlet named last before
it (else the dateline's wire); "the company said", "the Japanese group said", "the iPhone maker
said" -> the sentence's company, else the nearest company named before that fits the description
(``extract.context.names.references``); "it said" closing a sentence -> the name the sentence
opens with; "he said" -> the person named last, with a title or without ("Jensen Huang spoke. He said…").
Other frames: a document "seen/reviewed/compiled by X" (its own clause only), a company's own
outlook ("its revenue forecast", "it sees"), unnamed analysts' estimates ("analysts' average
estimate", "expected by analysts": a frame with no source). The attribution component
(``component.py``, with ``scope.py``) decides which frame speaks for which figure.
"""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from extract.context.common.clauses import dateline_end
from extract.context.names.article import ARTICLE_COMPANIES
from extract.context.names.finder import COMPANY, FIRM, GUESS, OUTLET, WATCH
from extract.context.source.frame import CLAUSE, LEADING, PARTICIPLE_RULE, TRAILING, Frame, chain
from extract.context.source.phrases import Phrases
from extract.context.source.words import (
    ANALYST_PLURALS,
    BY_CUES,
    CUE_WORDS,
    DAYS,
    DETERMINERS,
    ESTIMATE_NOUNS,
    ESTIMATE_VERBS,
    ESTIMATED_BY,
    GRAB_REACH,
    HEADLINE_VERBS,
    LEAK_CUES,
    MOVE_VERBS,
    NOUN_LIKE_VERBS,
    OUTLOOK_NOUNS,
    OUTLOOK_REACH,
    OUTLOOK_VERBS,
    PARTICIPLES,
    PASSIVE_AUX,
    SUBORDINATORS,
    UNNAMED_ESTIMATORS,
    VALUE_VERBS,
    VERB_ADVERBS,
)

#: Estimators that are people: "analysts estimate" is a verb unless a possessive or "of" makes it a noun.
PEOPLE_ESTIMATORS = frozenset({"analysts", "analyst", "investors", "investor"})


class FrameReader(Phrases):
    """Reads the attribution frames of one doc (names from ``extract.context.names.finder``)."""

    # ---- frames ------------------------------------------------------------------------
    def frames(self, windows: Sequence[tuple[int, int]]) -> list[Frame]:
        """The frames in the token ``windows``, in text order, with citing chains attached to
        their reporting frame."""
        doc = self.doc
        found: list[Frame] = []
        for token in (doc[i] for first, last in windows for i in range(first, last)):
            word = token.lower_
            if word not in CUE_WORDS and word not in self.verbs:
                continue
            following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            frame: Frame | None = None
            if word == "according" and following == "to":
                frame = self._after(token.i + 2, token.i, "according_to")
            elif word == "per" and token.i + 1 in self.name_at_start \
                    and self.name_at_start[token.i + 1].kind in (OUTLET, FIRM):
                frame = self._after(token.i + 1, token.i, "per")  # "Rmb150bn for 2025 per Reuters"
            elif word in LEAK_CUES and following == "to":
                # "ByteDance's guidance of ¥180bn was leaked to 36Kr, which published it": the outlet
                leaked = self._after(token.i + 2, token.i, "leaked_to")
                frame = replace(leaked, scope=TRAILING) if leaked is not None and leaked.kind == OUTLET else None
            elif word == "citing":
                frame = self._after(token.i + 1, token.i, "citing")
            elif word == "cited" and following == "by":
                frame = self._anonymous_frame(token.i, token.i + 2, "cited_by") if self._anon_before(token.i) \
                    else self._after(token.i + 2, token.i, "cited_by")
            elif word in OUTLOOK_NOUNS and (outlook := self._own_outlook(token)) is not None:
                frame = outlook
            elif word in ESTIMATED_BY and following == "by":
                # "expected by analysts at Jefferies" -> Jefferies; "expected by analysts" -> nobody
                named = self._after(token.i + 2, token.i, "estimated_by")
                frame = replace(named or Frame(token.i, token.i + 2, None, False, "estimated_by_unnamed"), scope=CLAUSE)
            elif word in ESTIMATE_NOUNS and (owner := self._estimate_owner(token)) is not None:
                frame = owner  # "the 188bn yuan consensus of Visible Alpha", "estimates from LSEG"
            elif word in ESTIMATE_NOUNS and self._unnamed_estimate(token):
                frame = Frame(token.i, token.i + 1, None, False, "unnamed_estimate", scope=CLAUSE)
            elif word in BY_CUES and following == "by":
                frame = self._after(token.i + 2, token.i, "seen_by")  # "a memo seen by Reuters"
                # the document is a noun phrase: it speaks for figures in its own clause
                frame = replace(frame, scope=CLAUSE) if frame else None
            elif word in PARTICIPLES and (joined := self._with_participle(token)) is not None:
                frame = joined  # "…, with Alibaba saying in February it planned to spend …"
            elif word in ESTIMATED_BY and token.i > 0 and doc[token.i - 1].lower_ in ("the", "an", "a") \
                    and token.i + 1 < len(doc) and token.i + 1 in self.money_starts:
                # "outperforming the projected $5.22", "beating the expected $41bn": nobody's estimate
                frame = Frame(token.i, token.i + 1, None, False, "unnamed_estimate", scope=CLAUSE)
            elif word in PARTICIPLES and token.i > 0 and doc[token.i - 1].text == ",":
                frame = self._sentence_subject(token, PARTICIPLE_RULE)
                said = found[-1] if found else None
                if said is not None and said.end == token.i - 1 and said.source is not None and not said.anonymous:
                    # "…, the newspaper said, adding that …": the one who said goes on
                    frame = Frame(token.i, token.i + 1, said.source, False, PARTICIPLE_RULE + "_of_said",
                                  said.kind, scope=LEADING)
            elif word in HEADLINE_VERBS and token.text[:1].isupper() and self._headline_said(token):
                name = self.name_at_end[token.i]  # "ByteDance Plans $23 Billion AI Spree, FT Says"
                frame = Frame(name.start, token.i + 1, name.name, False, "headline_said", name.kind, scope=TRAILING)
            elif token.text.islower() and (word in self.verbs or word in ESTIMATE_VERBS or word in OUTLOOK_VERBS):
                frame = self._verb(token)
            elif word in VALUE_VERBS and self._values_object(token):
                frame = self._verb(token)  # "Analysts at Bernstein valued the unit at $50bn"
            if frame is not None:
                found.append(frame)
        # by where each frame starts: "The Wall Street Journal, citing unnamed officials,
        # reported" puts the reporter before the citing link it encloses
        return chain(sorted(found, key=lambda frame: frame.start))

    def _verb(self, verb: Token) -> Frame | None:
        """"X said", "X told Reuters", ", said X", "X put the budget at"."""
        doc = self.doc
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "by" and verb.lower_ in self.verbs:
            return self._after(verb.i + 2, verb.i, "reported_by")  # "first reported by The Information"
        i = verb.i - 1
        while i >= 0 and (doc[i].lower_ in VERB_ADVERBS or doc[i].is_space):
            i -= 1
        if i > 0 and doc[i].lower_ in DAYS and doc[i - 1].lower_ in ("on", "last", "this"):
            i -= 2  # "Alden on Tuesday said"
            while i >= 0 and doc[i].is_space:
                i -= 1
        if i < 0 or doc[i].lower_ in PASSIVE_AUX:
            return None
        if verb.lower_ in MOVE_VERBS and verb.i + 1 < len(doc) \
                and (doc[verb.i + 1].like_num or doc[verb.i + 1].text[:1] in "$€£¥"):
            return None  # "Broadcom added 1% to $340": a share move, not a statement
        if doc[i].lower_ in ("which", "who") and i > 1 and doc[i - 1].text == ",":
            i -= 2  # "The Information, which put ByteDance's spending at…"
            apposed = self._apposition(i + 1, verb)  # "Edison Lee, an analyst at Jefferies, who estimates"
            if apposed is not None and apposed.kind == "person":
                return replace(apposed, scope=self._scope(verb))
            # "Intel, which reported results last week, fell 1% to $24.10": the relative clause
            # speaks only for its own figures
            frame = self._before(i, verb)
            return replace(frame, scope=CLAUSE) if frame is not None else None
        if verb.lower_ in NOUN_LIKE_VERBS and not self._verb_reading(verb):
            return None  # "TV shows from Pixar", "the notes": a plural noun, not a report
        if doc[i].text == ")":  # "Home Depot (ticker: HD) reported": the name before the aside
            opening = i - 1
            while opening > max(0, i - GRAB_REACH) and doc[opening].text != "(":
                opening -= 1
            if doc[opening].text == "(":
                i = opening - 1
        if doc[i].lower_ == "and" and verb.lower_ in self.verbs:
            return self._sentence_subject(verb, "and_said")  # "Meta …, and said"
        if doc[i].text == ",":
            # "Kuaishou, the video app operator, said its Kling unit…", "Sundar Pichai, chief
            # executive of Alphabet, said the company…": the apposition speaks
            apposed = self._apposition(i, verb)
            if apposed is not None and apposed.kind in (COMPANY, WATCH, GUESS, OUTLET, FIRM, "person"):
                return replace(apposed, scope=self._scope(verb))
        if doc[i].text in (",", '"', "”", "’", "'") and verb.i + 1 < len(doc) \
                and (doc[verb.i + 1].text[:1].isupper() or doc[verb.i + 1].lower_ in DETERMINERS | self.anonymous):
            frame = self._after(verb.i + 1, verb.i, "said_x")
            return replace(frame, scope=TRAILING) if frame else None
        if doc[i].text == ",":
            frame = self._apposition(i, verb)
        else:
            frame = self._before(i, verb)
        if frame is None:
            return None
        if verb.lower_ in OUTLOOK_VERBS and frame.kind in (COMPANY, WATCH, GUESS):
            pass  # "it sees full-year FFO of …": the company's own outlook
        elif verb.lower_ in VALUE_VERBS and (frame.kind in (OUTLET, FIRM, "person", COMPANY, WATCH)
                                             or not frame.kind and frame.source
                                             and (" at " in frame.source
                                                  or frame.source.split()[-1].lower() in ANALYST_PLURALS)):
            pass  # "SoftBank valued the stake at $30bn": the one who values it
        elif verb.lower_ in ESTIMATE_VERBS | OUTLOOK_VERBS | VALUE_VERBS and frame.kind not in (OUTLET, FIRM, "person"):
            return None
        if verb.lower_ in ("told", "tells") and frame.anonymous:
            carrier = self._after(verb.i + 1, verb.i, "told")
            if carrier is not None and carrier.kind == OUTLET:
                frame = replace(frame, source=carrier.source, kind=OUTLET, end=carrier.end, rule="anonymous_told")
        if self._subordinate(verb):
            # "While Tencent claims it will invest heavily, its capex fell to …": the claim is no
            # source of the main clause
            return replace(frame, scope=CLAUSE, rule=frame.rule + "+subordinate")
        return replace(frame, scope=self._scope(verb))

    def _subordinate(self, verb: Token) -> bool:
        """Is ``verb`` in a subordinate clause opening its sentence ("While X claims …, …",
        "Although Y said …, …") that a comma closes before the main clause?"""
        doc = self.doc
        sent = verb.sent
        start = dateline_end(doc, sent.start)
        while start < verb.i and doc[start].is_space:
            start += 1
        if doc[start].lower_ not in SUBORDINATORS or any(t.text == "," for t in doc[start:verb.i]):
            return False
        return any(t.text == "," for t in doc[verb.i:sent.end])

    def _values_object(self, verb: Token) -> bool:
        """"X valued the stake at …": an object, then "at" (not "X, valued at …")."""
        doc = self.doc
        if verb.i == 0 or verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ == "at":
            return False
        before = doc[verb.i - 1]
        if before.lower_ in PASSIVE_AUX or before.is_punct or before.lower_ in ("that", "which", "deal", "round"):
            return False
        return any(t.lower_ == "at" for t in doc[verb.i + 2:verb.i + 7])

    def _verb_reading(self, verb: Token) -> bool:
        """Is a word like "shows"/"notes" a verb here? Followed by what a report says."""
        following = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        if following is None:
            return True
        doc = self.doc
        k = verb.i
        while k > 0 and (doc[k - 1].lower_ in VERB_ADVERBS or doc[k - 1].lower_ in ANALYST_PLURALS):
            k -= 1  # "Morgan Stanley now forecasts", "Morgan Stanley analysts estimate"
        named = self.name_at_end.get(k)
        if named is not None and named.kind in (OUTLET, FIRM) and following.is_lower:
            # "Goldman Sachs estimates spending of $200bn", "… forecasts hyperscaler capex of":
            # a firm's estimate of a noun
            rest = doc[verb.i + 1:verb.i + 5]
            if any(t.lower_ in ("of", "at") for t in rest) and all(t.is_lower or t.lower_ == "ai" for t in rest[:1]):
                return True
        return following.lower_ in ("that", "it", "the", "a", "an", "its", "revenue", "capex") \
            or following.is_punct or following.like_num or following.text[:1] in "$€£¥" \
            or following.text[:1].isupper()


    def _headline_said(self, verb: Token) -> bool:
        """A title-case headline's attribution: "…, FT Says" at the end of its line, right after
        a known name and a comma before it."""
        doc = self.doc
        name = self.name_at_end.get(verb.i)
        if name is None or name.kind not in (OUTLET, COMPANY, WATCH, FIRM) or name.start == 0:
            return False
        if doc[name.start - 1].text != ",":
            return False
        following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        return following is None or "\n" in following.text or following.is_punct

    def _estimate_owner(self, noun: Token) -> Frame | None:
        """A research firm or outlet named right after an estimate noun ("consensus of Visible
        Alpha", "estimates from LSEG"): a frame for the figures of its clause, else None."""
        doc = self.doc
        if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ not in ("of", "from", "by"):
            return None
        name = self.name_at_start.get(noun.i + 2)
        if name is None or name.kind not in (FIRM, OUTLET):
            return None
        return Frame(noun.i, name.end, name.name, False, "estimate_of", name.kind, scope=CLAUSE)

    def _with_participle(self, participle: Token) -> Frame | None:
        """ "with Alibaba saying in February it planned …", "with the company adding that …": the
        one named between "with" and the participle says what follows."""
        doc = self.doc
        name = self.name_at_end.get(participle.i)
        if name is not None and name.start > 0 and doc[name.start - 1].lower_ == "with":
            return Frame(name.start - 1, participle.i + 1, name.name, False, "with_" + PARTICIPLE_RULE, name.kind,
                         scope=LEADING)
        return None

    def _unnamed_estimate(self, noun: Token) -> bool:
        """"analysts' average estimate", "the consensus estimate", "market expectations": an
        estimate nobody named made (a frame with no source), unless a name or "by"/"from"
        follows to say whose ("estimates compiled by LSEG" is read by its own cue)."""
        doc = self.doc
        for k in range(noun.i - 1, max(-1, noun.i - 4), -1):
            # "analysts' estimate", "analyst expectations of", "investor expectations", "Street estimates";
            # not "HSBC analysts estimate" (a verb, and named analysts)
            possessive = doc[k + 1].text in ("'", "’", "'s", "’s")
            following = doc[noun.i + 1].lower_ if noun.i + 1 < len(doc) else ""
            noun_reading = possessive or following == "of" or noun.lower_ in ("expectations", "expectation")
            if doc[k].lower_ in UNNAMED_ESTIMATORS and (noun_reading or doc[k].lower_ not in PEOPLE_ESTIMATORS) \
                    and not (k > 0 and k - 1 + 1 in self.name_at_end):
                following = [t.lower_ for t in doc[noun.i + 1:noun.i + 3]]
                return not self.positions.within(k, noun.i) and not set(following) & {"by", "from"}
            if doc[k].is_punct and doc[k].text not in ("'", "’"):
                return False
        return False

    def _own_outlook(self, noun: Token) -> Frame | None:
        """A company's own outlook noun: "Supermicro cut its fiscal 2026 revenue forecast to
        $33bn" -> Supermicro; "Baidu's guidance of …" -> Baidu. Not "analysts' forecast"."""
        doc = self.doc
        for k in range(noun.i - 1, max(-1, noun.i - OUTLOOK_REACH - 1), -1):
            word = doc[k].lower_
            if doc[k].is_punct and word not in ("'s", "’s", "-"):
                return None
            if word == "its":
                # the company of the clause ("…, but Alphabet raised its own forecast to $91bn"),
                # else the one the sentence opens with
                owner = self._clause_company(k)
                if owner is not None:
                    return Frame(owner.start, noun.i + 1, owner.name, False, "own_outlook", owner.kind, scope=LEADING)
                frame = self._sentence_subject(noun, "own_outlook", (COMPANY, WATCH, GUESS))
                if frame is None and (article := ARTICLE_COMPANIES(doc, self.names)) is not None:
                    # "Management raised its capex forecast to $50bn" in an Oracle story: the
                    # company the article is about
                    return Frame(k, noun.i + 1, article.name, False, "own_outlook_article", COMPANY, scope=LEADING)
                return replace(frame, scope=LEADING) if frame else None
            if word in ("'s", "’s"):
                name = self.name_at_end.get(k)
                if name is not None and name.kind in (COMPANY, WATCH, GUESS):
                    return Frame(name.start, noun.i + 1, name.name, False, "own_outlook", name.kind, scope=LEADING)
                return None
        return None

