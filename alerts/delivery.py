"""Deliver the outbox to the configured channels through apprise, and send test messages.

Channels are apprise notification URLs (``mailto://``, ``json://``, ``slack://``, ``tgram://``, …).
Delivery is one alert to one channel at a time, and each success is committed at once, so a channel
that is down is retried later (the next run, or ``capexwatch alerts retry``) without sending again to
the channels that already have it. A channel that fails is not tried again in the same pass, so an
outage costs one timeout, not one per alert.

Nothing is lost: an alert leaves the pending list only when every channel has it. The one window
where a message can arrive twice is a crash after a channel accepted it and before that success was
committed (milliseconds); it is then sent again on the next pass — at least once, never silently lost.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.models import Alert, AlertDelivery
from store.types import utcnow

_LOG_FORMAT = "%(message)s"


@dataclass(frozen=True, slots=True)
class Channel:
    """One notification URL: ``key`` identifies it in the database, ``label`` shows it (secrets masked)."""

    url: str
    key: str
    label: str


class ChannelError(ValueError):
    """A notification URL apprise does not understand."""


def _apprise():  # -> module; imported late: apprise loads its plugins on first use
    import apprise

    return apprise


def notify_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as a notification URL, or ``None`` if apprise can use it."""
    if _apprise().Apprise.instantiate(url) is None:
        scheme = url.split("://", 1)[0] if "://" in url else url[:20]
        return f"{scheme}://… is not a notification URL apprise supports"
    return None


def make_channel(url: str) -> Channel:
    """The channel for ``url``; raises :class:`ChannelError` if apprise cannot use it."""
    plugin = _apprise().Apprise.instantiate(url)
    if plugin is None:
        raise ChannelError(notify_url_problem(url) or url)
    return Channel(
        url=url, key=hashlib.sha256(url.encode("utf-8")).hexdigest(), label=plugin.url(privacy=True).split("?", 1)[0]
    )


def make_channels(urls: Iterable[str]) -> list[Channel]:
    return [make_channel(url) for url in urls]


def send(channel: Channel, title: str, body: str) -> str | None:
    """Send one message to one channel; ``None`` on success, else why it failed (apprise's words).

    The body is plain text: scraped words are never sent as markup, and apprise escapes them for
    channels that display HTML. apprise's own log lines are captured for the reason instead of being
    printed, since the caller reports every failure itself.
    """
    apprise = _apprise()
    sender = apprise.Apprise()
    sender.add(channel.url)
    logger = logging.getLogger("apprise")
    propagate = logger.propagate
    logger.propagate = False
    try:
        with apprise.LogCapture(level=logging.WARNING, fmt=_LOG_FORMAT) as captured:
            ok = sender.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
    finally:
        logger.propagate = propagate
    if ok:
        return None
    lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    return lines[-1].rstrip(".") if lines else "delivery failed"


@dataclass(slots=True)
class DeliveryReport:
    """One pass over the outbox: alerts now sent everywhere, still pending, and each failing channel."""

    sent: int = 0
    pending: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # channel label -> last error

    def to_json(self) -> dict[str, object]:
        return {"sent": self.sent, "pending": self.pending, "failures": dict(self.failures)}


def _record_attempt(session: Session, alert_id: int, channel: Channel, error: str | None) -> None:
    now = utcnow()
    delivery = session.get(AlertDelivery, (alert_id, channel.key))
    if delivery is None:
        delivery = AlertDelivery(alert_id=alert_id, channel=channel.key, label=channel.label, attempts=0)
        session.add(delivery)
    delivery.label = channel.label
    delivery.attempts += 1
    delivery.last_attempt = now
    delivery.status = "failed" if error else "sent"
    delivery.last_error = error
    delivery.sent = None if error else now


def deliver_pending(sessions: sessionmaker[Session], channels: Sequence[Channel]) -> DeliveryReport:
    """Send every pending alert to every channel that does not have it yet, oldest first.

    Call it only while holding the run lock (a crawl, or ``alerts retry``), so two processes never
    deliver the same alert at once.
    """
    report = DeliveryReport()
    with sessions() as session:
        pending = [
            (a.id, a.title, a.body)
            for a in session.scalars(select(Alert).where(Alert.sent.is_(None)).order_by(Alert.id))
        ]
        done = {
            (alert_id, key)
            for alert_id, key in session.execute(
                select(AlertDelivery.alert_id, AlertDelivery.channel).where(
                    AlertDelivery.status == "sent", AlertDelivery.alert_id.in_([p[0] for p in pending])
                )
            )
        }
    if not channels:
        report.pending = len(pending)
        return report
    down: set[str] = set()
    for alert_id, title, body in pending:
        complete = True
        for channel in channels:
            if (alert_id, channel.key) in done:
                continue
            if channel.key in down:
                complete = False
                continue
            error = send(channel, title, body)
            with sessions.begin() as session:  # commit each success at once: never sent twice
                _record_attempt(session, alert_id, channel, error)
            if error:
                down.add(channel.key)
                report.failures[channel.label] = error
                complete = False
        if complete:
            with sessions.begin() as session:
                session.get_one(Alert, alert_id).sent = utcnow()
            report.sent += 1
        else:
            report.pending += 1
    return report


def send_test(channels: Sequence[Channel], title: str, body: str) -> list[tuple[Channel, str | None]]:
    """Send a test message to each channel; each channel with its error (``None``: delivered)."""
    return [(channel, send(channel, title, body)) for channel in channels]
