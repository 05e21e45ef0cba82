"""URL normalisation: one spelling per page, so "already seen" survives tracking junk and case.

The same article reaches us as ``HTTPS://Example.com:443/a?utm_source=x#top`` from one feed and
``https://example.com/a`` from another; both must map to one key in the seen-URL table and in the
article table, or the incremental crawl refetches and the store double-counts.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only say where a click came from, never which page it is.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "cmp",
        "icid",
        "igshid",
        "_ga",
        "_gl",
        "ref_src",
        "smid",
        "sr_share",
        "taid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "mtm_", "pk_")

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """True for parameters that identify a campaign or a click rather than a page."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """The one spelling of ``url`` used as a key: lower-case scheme and host, no default port,
    no fragment, no tracking parameters, remaining query parameters sorted.

    The path keeps its case (servers treat ``/A`` and ``/a`` as different pages). Surrounding
    whitespace is stripped because sitemaps wrap ``<loc>`` in newlines.

    >>> normalize_url(" HTTPS://Example.COM:443/News?b=2&utm_source=rss&a=1#top ")
    'https://example.com/News?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal: urlsplit drops the brackets
        host = f"[{host}]"
    netloc = host
    try:
        port = parts.port
    except ValueError:  # a non-numeric port: keep the URL as written rather than guess
        port = None
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += f":{parts.password}"
        netloc = f"{userinfo}@{netloc}"
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)
    ]
    query = urlencode(sorted(query_pairs), doseq=True)
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def host_port(url: str) -> str:
    """``host[:port]`` of ``url`` as normalised (lower-case, default port dropped).

    This is what the private-address gate compares with the configured sources' hosts.
    """
    return urlsplit(normalize_url(url)).netloc.rsplit("@", 1)[-1]


def usable_canonical(canonical: str | None) -> str | None:
    """The page's canonical URL, normalised, or None if it can't identify one article.

    Some sites declare their home page (or a section root) as every page's canonical link;
    honouring that would make every later article of the site look like a duplicate of the
    first. A canonical that isn't http(s) is ignored too.
    """
    if not canonical:
        return None
    normalised = normalize_url(canonical)
    parts = urlsplit(normalised)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path.strip("/") == "" and not parts.query:
        return None
    return normalised
