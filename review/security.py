"""Response headers every page carries, as data: the Content-Security-Policy and the usual hardening.

The policy allows scripts and styles only from the app itself (``'self'``, no inline script, no
``eval``), so even if scraped text slipped past escaping it could not run; the keyboard handling
lives in ``static/review.js`` for that reason. Charts are inline SVG drawn with presentation
attributes (``fill="…"``), which the policy does not restrict, rather than ``style`` attributes.
"""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY: str = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
#: Sent with every response (``static`` files included).
HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: Flask-WTF checks the Referer of form posts made over https.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
#: Only over https (``[review] secure_cookies = true``): browsers then refuse plain http for a year.
HSTS = "max-age=31536000"


def init_app(app: Flask, *, https: bool) -> None:
    """Add the headers to every response; pages with data are never cached."""

    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if https:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response
