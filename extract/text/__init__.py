"""The text of a page and its sentences: main text and metadata (``article``), whether a page is
about the watch (``relevance``), and the sentence splitter the rule pipeline runs first
(``sentences``)."""
