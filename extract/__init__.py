"""Text analysis: article text and metadata (trafilatura), money figures (spaCy rules), relevance.

This package imports nothing else of capexwatch: it takes plain text/HTML and returns plain
dataclasses, so it can be used and tested on its own.
"""
