"""Scrapy's project settings for ``scrapy list`` / ``scrapy crawl capexwatch`` from the project root.

``scrapy.cfg`` points here: the crawler's own settings (``crawler.settings``) plus the user's
configuration, read and validated by ``capexwatch.config`` exactly as ``capexwatch crawl`` reads it
(``$CAPEXWATCH_CONFIG``, ``./capexwatch.toml`` or the built-in defaults; ``$CAPEXWATCH_DB``). A
configuration mistake stops Scrapy with the same one-line message and status 2.

``scrapy crawl capexwatch`` runs the crawl stage and then, when the spider closes, the figure
stage (``crawler.extensions.figure_stage``), so it leaves the database as ``capexwatch crawl``
does. Scrapy's own ``-s NAME=VALUE`` options still override anything set here.
"""

from __future__ import annotations

import sys

from capexwatch.config import ConfigError, load_config
from crawler.settings import *  # noqa: F403 - these are Scrapy's settings for this project
from crawler.settings import EXTENSIONS as _CRAWLER_EXTENSIONS

try:
    _config = load_config()
except ConfigError as _error:
    print(f"capexwatch: configuration error: {_error}", file=sys.stderr)
    sys.exit(2)

CAPEXWATCH_SOURCES = list(_config.sources)
CAPEXWATCH_WATCH = _config.watch
CAPEXWATCH_DATABASE_URL = _config.database_url
globals().update(_config.crawl.scrapy_settings())
if _config.crawl.redis_url:
    from crawler.distributed import distributed_settings

    globals().update(distributed_settings(_config.crawl.redis_url))
EXTENSIONS = {**globals().get("EXTENSIONS", _CRAWLER_EXTENSIONS), "crawler.extensions.figure_stage.FigureStage": 900}
