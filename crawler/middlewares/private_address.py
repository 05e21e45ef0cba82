"""The single gate for where the crawler may connect: never to this machine or a private network.

Feed links, sitemap locs and redirect targets are chosen by whoever writes the feed or runs the
redirecting site. Without this gate a feed item pointing at ``http://169.254.169.254/`` or
``http://10.0.0.1/admin`` would make the crawler fetch it (server-side request forgery). As a
downloader middleware placed before every other one, ``process_request`` sees each request —
including every redirect hop and every robots.txt request — before anything connects.

Allowed: http(s) URLs whose host is, or resolves only to, globally routable addresses. A
configured source's own ``host[:port]`` is trusted as configured (that is how a local test or
demo site works), but only that exact host and port: ``localhost:8080`` does not inherit the
trust given to ``127.0.0.1:8080``.

The name is resolved here and again by the downloader; an answer that changes in between (DNS
rebinding) is caught by crawler.resolver.PublicOnlyResolver, which checks the address connected to.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.stats import count_error
from crawler.urls import host_port

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[str]]

ALLOWED_SCHEMES = frozenset({"http", "https"})


class Refusal(str):
    """Why a URL is refused: the error kind counted in stats (``refused_private``, …)."""


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses.

    ``is_global`` excludes loopback, RFC 1918, link-local (cloud metadata at 169.254.169.254),
    carrier-grade NAT, documentation and reserved ranges; IPv4 mapped into IPv6
    (``::ffff:10.0.0.1``) is judged as the IPv4 address it carries.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to (all must be public, not just the first)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def refusal_for(url: str, allowed_hosts: Iterable[str], resolver: Resolver = resolve_host) -> str | None:
    """The error kind if the crawler must not fetch ``url``, or None if it may.

    Pure apart from ``resolver`` (called only for names, never for IP literals), so the private
    ranges are tested without any connection.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return "refused_scheme"
    host = (parts.hostname or "").lower()
    if not host:
        return "refused_private"
    if host_port(url) in set(allowed_hosts):
        return None
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        return None if is_public_address(literal) else "refused_private"
    try:
        addresses = resolver(host)
    except (OSError, UnicodeError):
        return "dns"
    if not addresses:
        return "dns"
    for text in addresses:
        if not is_public_address(ipaddress.ip_address(text.split("%", 1)[0])):
            return "refused_private"
    return None


class PrivateAddressMiddleware:
    """Downloader middleware: raise IgnoreRequest (counted, logged) for refused URLs."""

    def __init__(self, crawler: Crawler, allowed_hosts: frozenset[str]) -> None:
        self.crawler = crawler
        self.allowed_hosts = allowed_hosts
        self._resolved: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        sources = crawler.settings.getlist("CAPEXWATCH_SOURCES")
        allowed = frozenset(host_port(source.url) for source in sources)
        return cls(crawler, allowed)

    def _cached_resolve(self, host: str) -> list[str]:
        """getaddrinfo once per host per crawl: it blocks the reactor, and hosts repeat."""
        if host not in self._resolved:
            self._resolved[host] = resolve_host(host)
        return self._resolved[host]

    def process_request(self, request: Request) -> None:
        kind = refusal_for(request.url, self.allowed_hosts, self._cached_resolve)
        if kind is None:
            return None
        count_error(self.crawler, request.meta.get("capexwatch_source"), kind)
        logger.warning("Refused %s (%s): not a public address or not http(s)", request.url, kind)
        raise IgnoreRequest(f"{kind}: {request.url}")
