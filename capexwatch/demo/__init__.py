"""A small bundled news site for the demo and for end-to-end tests, served on 127.0.0.1.

Three invented outlets with different page layouts (a wire service, a newspaper, a tech blog),
their feeds and sitemaps, and a news-search feed whose links redirect to the publishers. What a
correct pipeline should find there is written down in :mod:`capexwatch.demo.expected`.
"""

from capexwatch.demo.expected import EXPECTED, IRRELEVANT
from capexwatch.demo.site import DEMO_SITE_DIR, demo_sources, serve_site

__all__ = ["DEMO_SITE_DIR", "EXPECTED", "IRRELEVANT", "demo_sources", "serve_site"]
