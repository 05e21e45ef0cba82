"""Download failures sorted into the error kinds the crawl report counts.

A nightly report saying "timeout 3, http_500 1, dns 2" tells the user which source broke and how;
a bare "errors 6" doesn't. Kinds are short, stable strings, used as stats keys.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as twisted_error
from twisted.python.failure import Failure

from crawler.resolver import PrivateAddressResolved, PublicOnlyResolver

TIMEOUTS = (
    DownloadTimeoutError,
    twisted_error.TimeoutError,
    twisted_error.TCPTimedOutError,
    TimeoutError,
)
DNS = (CannotResolveHostError, twisted_error.DNSLookupError)
REFUSED = (DownloadConnectionRefusedError, twisted_error.ConnectionRefusedError, ConnectionRefusedError)
CANCELLED = (DownloadCancelledError, defer.CancelledError)
ROBOTS_MESSAGE = "Forbidden by robots.txt"


def error_kind(failure: Failure) -> str | None:
    """The error kind of a failed request, or None when it was already counted where raised.

    ``IgnoreRequest`` (other than an HTTP error or a robots.txt refusal) comes from our own
    downloader middlewares, which count their refusals; counting it here would count twice.
    Cancelled downloads are Scrapy's ``DOWNLOAD_MAXSIZE`` cut-off, hence ``too_large``.
    """
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        # Scrapy's RobotsTxtMiddleware message; it counts robotstxt/forbidden but not per source.
        return "robots_forbidden" if str(exc) == ROBOTS_MESSAGE else None
    if isinstance(exc, TIMEOUTS):
        return "timeout"
    if isinstance(exc, DNS):
        # PublicOnlyResolver's refusal reaches us as a generic "no results" lookup failure.
        host = (urlsplit(failure.request.url).hostname or "").lower() if hasattr(failure, "request") else ""
        if isinstance(exc, PrivateAddressResolved) or host in PublicOnlyResolver.refused:
            return "refused_private"
        return "dns"
    if isinstance(exc, REFUSED):
        return "connection_refused"
    if isinstance(exc, CANCELLED):
        return "too_large"
    if isinstance(exc, ResponseDataLossError):
        return "data_loss"
    return "download_failed"
