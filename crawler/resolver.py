"""PublicOnlyResolver: the address actually connected to is checked, not just the one vetted.

The private-address gate (crawler.middlewares.private_address) resolves a name and refuses
private answers, but the downloader then resolves the name again; a DNS server that answers
"public" to the gate and "10.0.0.1" to the downloader (DNS rebinding) would slip through. This
resolver, installed on the reactor through ``TWISTED_DNS_RESOLVER``, checks the answer the
connection will use. Names of configured sources are trusted, as in the gate.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.middlewares.private_address import is_public_address

if TYPE_CHECKING:
    from collections.abc import Sequence

    from twisted.internet.base import ReactorBase
    from twisted.internet.defer import Deferred


class PrivateAddressResolved(DNSLookupError):
    """A name resolved to a non-public address at connection time: counted ``refused_private``."""


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, failing any name that resolves to a non-public address.

    Twisted reports every failed lookup to the downloader as "no results", so the names refused
    here are also kept in :attr:`refused` (one resolver per process, installed on the reactor)
    for :func:`crawler.errors.error_kind` to count them as ``refused_private``, not ``dns``.
    """

    refused: ClassVar[set[str]] = set()

    def __init__(self, reactor: ReactorBase, cache_size: int, timeout: float, trusted: frozenset[str]) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.trusted = trusted

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> PublicOnlyResolver:
        """Built by the crawler process (which passes itself: only ``.settings`` is used)."""
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        trusted = frozenset(source_hostname(source.url) for source in settings.getlist("CAPEXWATCH_SOURCES"))
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), trusted)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802
        return super().getHostByName(name, timeout).addCallback(self.check, name)

    def check(self, address: str, name: str) -> str:
        """``address`` if it may be connected to for ``name``; else :class:`PrivateAddressResolved`."""
        if name.lower() in self.trusted:
            return address
        if not is_public_address(ipaddress.ip_address(address)):
            PublicOnlyResolver.refused.add(name.lower())
            raise PrivateAddressResolved(f"refused_private: {name} resolved to {address}")
        return address


def source_hostname(url: str) -> str:
    """The lower-case host name of a configured source's URL (the resolver sees no port)."""
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()
