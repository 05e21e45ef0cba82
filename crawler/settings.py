"""Scrapy settings of the capexwatch crawler: every component and its order, in one place.

Configuration reaches the crawl only through settings keys that ``crawler.run`` (or, for
``scrapy crawl capexwatch``, ``capexwatch.scrapy_settings``) sets from the user's config —
``CAPEXWATCH_SOURCES`` (list of Source), ``CAPEXWATCH_WATCH`` (Watch), ``CAPEXWATCH_DATABASE_URL``,
``CAPEXWATCH_RUN_ID``, ``CAPEXWATCH_WORKERS`` — plus ``CAPEXWATCH_PROGRESS`` (an optional
callable) and ``CAPEXWATCH_POOL`` (a :class:`crawler.workers.WorkerPool` to share). The crawl
rate below is the ``[crawl]`` defaults; the configuration overrides it. Nothing here reads the
environment or a config file.
"""

BOT_NAME = "capexwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# A descriptive agent with a contact URL: publishers can see who we are and block or ask.
USER_AGENT = "capexwatch/0.1 (+https://github.com/capexwatch; news monitoring)"
ROBOTSTXT_OBEY = True

# Politeness: one nightly run, no hurry. One spider for every source, so these are per host
# across all sources. AutoThrottle backs off from slow servers by itself.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25

# Failure bounds: a stuck server or a huge file costs a bounded time and memory, then is counted.
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # also caps decompression (HttpCompressionMiddleware)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

# Every run must see today's pages; the seen-URL table, not a cache, makes runs incremental.
HTTPCACHE_ENABLED = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# One duplicate filter for the whole crawl, seeded from the seen-URL table, on normalised URLs.
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.NormalizedUrlFingerprinter"
DUPEFILTER_CLASS = "crawler.dupefilter.SeenUrlDupeFilter"

LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Checks the address each connection really uses (DNS rebinding past the gate's own lookup).
TWISTED_DNS_RESOLVER = "crawler.resolver.PublicOnlyResolver"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    # Before everything else (offsite 50, robots.txt 100, redirect 600): the one gate that
    # every request, robots.txt request and redirect hop passes before any connection.
    "crawler.middlewares.private_address.PrivateAddressMiddleware": 40,
}

ITEM_PIPELINES = {
    "crawler.pipelines.article_text.ArticleTextPipeline": 100,
    "crawler.pipelines.relevance.RelevancePipeline": 200,
    "crawler.pipelines.store.StorePipeline": 500,
}

EXTENSIONS = {
    "crawler.store_writer.StoreWriter": 490,
    "crawler.extensions.seen.SeenRecorder": 500,
    "crawler.extensions.progress.CrawlProgress": 510,
    "crawler.extensions.errors.ErrorCounter": 520,
}

# Set by crawler.run.run_crawl; defaults keep `scrapy list` working without a configuration.
CAPEXWATCH_SOURCES: list = []
CAPEXWATCH_WATCH = None
CAPEXWATCH_DATABASE_URL = None
CAPEXWATCH_RUN_ID = None
CAPEXWATCH_PROGRESS = None
CAPEXWATCH_POOL = None
CAPEXWATCH_WORKERS = 0  # 0: every core this process may use
CAPEXWATCH_MAX_AGE_DAYS = 0  # 0: no cutoff; see CapexwatchSpider.is_too_old
