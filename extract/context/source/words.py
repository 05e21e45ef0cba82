"""The source rules' word sets by name, read from ``cues.toml`` (what each does is said there),
with the reaches (in tokens) the rules look over and the sets made of others."""

from __future__ import annotations

import re
from pathlib import Path

from extract.context.names.references import company_heads
from extract.lexicon import cues

#: The folder of the source rules' word lists.
HERE = Path(__file__).resolve().parent
CUES = cues(HERE / "cues.toml")
#: Verbs of saying and reporting (one a line), shared with the subject rules ("Alibaba said" is a speaker).
REPORT_VERBS = HERE / "report_verbs.txt"
#: Words of anonymous people ("people familiar with the matter", "sources").
ANONYMOUS_WORDS = HERE / "anonymous.txt"

#: How far back (tokens) "he said" looks for a person named without a title.
PERSON_REACH = 150
#: Longest known name (tokens): a run overlapping one is no person.
MAX_NAME_TOKENS = 5
#: Farthest a source phrase reaches from its cue, in tokens.
GRAB_REACH = 8
#: Longest phrase set off by commas between a verb and its "that" ("reported, citing people …, that").
INSERTION_REACH = 14
#: How far back (tokens) "the newspaper" looks for its outlet before taking the last one named.
OUTLET_REACH = 600
#: Most words between "its"/"X's" and the outlook noun ("its fiscal 2026 revenue forecast").
OUTLOOK_REACH = 5
#: Datelines name the wire that carries a story: "BEIJING, Jan 23 (Reuters) -".
DATELINE_TOKENS = 40
DATELINE = re.compile(r"\(([A-Z][\w .&-]{1,30})\)\s*[-–—]")

FRAME_CUES = CUES.words("frame_cues")
TITLE_WORDS = CUES.words("title_words")
NOT_BEFORE_PERSON = CUES.words("not_before_person")
WIRE_HEADS = CUES.words("wire_heads")
PRINT_HEADS = CUES.words("print_heads")
DOCUMENT_NOUNS = CUES.words("document_nouns")
MOVE_VERBS = CUES.words("move_verbs")
ANALYST_TITLES = CUES.words("analyst_titles")
ANALYST_PLURALS = CUES.words("analyst_plurals")
OFFICES = CUES.words("offices")
PHRASE_WORDS = CUES.words("phrase_words")
DESCRIPTORS = CUES.words("descriptors")
TITLE_ADJECTIVES = CUES.words("title_adjectives")
CONNECTORS = CUES.words("connectors")
DETERMINERS = CUES.words("determiners")
VERB_ADVERBS = CUES.words("verb_adverbs")
PASSIVE_AUX = CUES.words("passive_aux")
ESTIMATE_VERBS = CUES.words("estimate_verbs")
OUTLOOK_VERBS = CUES.words("outlook_verbs")
VALUE_VERBS = CUES.words("value_verbs")
OUTLOOK_NOUNS = CUES.words("outlook_nouns")
GENERIC_OWNERS = CUES.words("generic_owners")
GENERIC_DOCUMENTS = CUES.words("generic_documents")
PARTICIPLES = CUES.words("participles")
OUTLET_REFERENCES = CUES.words("outlet_references")
FILLER = CUES.words("filler")
TRAILING_WORDS = CUES.words("trailing_words")
OBJECT_WORDS = CUES.words("object_words")
TRAILING_NOUNS = CUES.words("trailing_nouns")
PHRASE_JOINS = CUES.words("phrase_joins")
CLAUSE_OPENERS = CUES.words("clause_openers")
NOUN_LIKE_VERBS = CUES.words("noun_like_verbs")
CONJUNCTIONS = CUES.words("conjunctions")
SUBORDINATORS = CUES.words("subordinators")
REPORT_INTERRUPTIONS = CUES.words("report_interruptions")
DAYS = CUES.words("days")
MONTHS = CUES.words("months")
LEAK_CUES = CUES.words("leak_cues")
BY_CUES = CUES.words("by_cues")
ESTIMATED_BY = CUES.words("estimated_by")
ESTIMATE_NOUNS = CUES.words("estimate_nouns")
UNNAMED_ESTIMATORS = CUES.words("unnamed_estimators")
UNIT_NOUNS = CUES.words("unit_nouns")
HEADLINE_VERBS = CUES.words("headline_verbs")
DEFINITE = CUES.words("definite")
DATA_NOUNS = CUES.words("data_nouns")
SHARE_WORDS = CUES.words("share_words")
SHARE_MOVES = CUES.words("share_moves")
REPORT_NOUNS = CUES.words("report_nouns")
CONTINUATIONS = CUES.words("continuations")
PREDICATE_OPENERS = CUES.words("predicate_openers")
CONTRASTS = CUES.words("contrasts")
EXPECT_VERBS = CUES.words("expect_verbs")
CLAUSE_VERBS = CUES.words("clause_verbs")
GAP_WORDS = CUES.words("gap_words")
COMPARISONS = CUES.words("comparisons")
ATTRIBUTION_ONLY_WORDS = CUES.words("attribution_only_words")

#: (a unit's description keeps its head: "ByteDance's Volcano Engine cloud unit said" -> the unit)
SKIPPED_BEFORE_NAME = DETERMINERS | CONNECTORS | DESCRIPTORS | (company_heads() - {"unit", "division", "subsidiary"})
#: "the company said", "the chip designer said": nouns that refer back to a company named
#: earlier (a word list shared with the subject rules).
COMPANY_REFERENCES = company_heads()
#: Every word that starts a frame besides the report verbs.
CUE_WORDS = FRAME_CUES | LEAK_CUES | ESTIMATE_VERBS | OUTLOOK_VERBS | VALUE_VERBS | PARTICIPLES \
    | BY_CUES | OUTLOOK_NOUNS | ESTIMATED_BY | ESTIMATE_NOUNS | HEADLINE_VERBS
