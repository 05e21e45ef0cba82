"""The subject rules' word sets by name, read from ``cues.toml`` (what each does is said there),
with the sets made of others."""

from __future__ import annotations

from pathlib import Path

from extract.context.names.references import company_heads
from extract.lexicon import cues

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))

OBJECT_MARKERS = CUES.words("object_markers")
BINDING_AFTER = CUES.words("binding_after")
EXAMPLE_MARKERS = CUES.words("example_markers")
SOURCE_MARKERS = CUES.words("source_markers")
NON_REFERENT_MARKERS = CUES.words("non_referent_markers")
PRONOUNS = CUES.words("pronouns")
SHARE_NOUNS = CUES.words("share_nouns")
STAKE_NOUNS = CUES.words("stake_nouns")
TRADE_VERBS = CUES.words("trade_verbs")
COMPOUND_BACKERS = CUES.words("compound_backers")
ASIDE_MARKS = CUES.words("aside_marks")
SPEAKER_TITLES = CUES.words("speaker_titles")
POSSESSIVE_DETERMINERS = CUES.words("possessive_determiners")
OBJECT_VERBS = CUES.words("object_verbs")
PRODUCT_NOUNS = CUES.words("product_nouns")
MAKER_NOUNS = CUES.words("maker_nouns")
PRODUCT_MODIFIERS = CUES.words("product_modifiers")
MARKET_NOUNS = CUES.words("market_nouns")
MARKET_VALUE_WORDS = CUES.words("market_value_words")
VENTURE_HEADS = CUES.words("venture_heads")
NOT_VENTURE_AFTER = CUES.words("not_venture_after")
TARGET_NOUNS = CUES.words("target_nouns")
COMPARISONS = CUES.words("comparisons")
COMBINED_WORDS = CUES.words("combined_words")
MARKET_WORDS = CUES.words("market_words")
EXECUTIVE_TITLE_WORDS = CUES.words("executive_title_words")

#: Words of an executive's title ("finance chief", "chief financial officer").
TITLE_WORDS = SPEAKER_TITLES | EXECUTIVE_TITLE_WORDS
#: Joins between names listed together, as token lists ([",", "and"]).
LIST_JOINS = tuple(phrase.split() for phrase in CUES.phrases("list_joins"))
#: Head nouns of references to a company named earlier ("the Chinese tech giant"): a word list
#: shared with the source rules.
REFERENCE_HEADS = company_heads()
