"""The alert outbox: every message to send, recorded before it is sent, and each channel's delivery.

An alert is written in the same transaction as the ledger change (or source-health finding) that
causes it, with its title and body already rendered, so what is delivered later — tonight, on the
next run, or by ``capexwatch alerts retry`` — is exactly what was decided, and a crash between the two
loses nothing. ``sent`` is set once every configured channel has it; ``alert_deliveries`` keeps one row
per alert and channel, so a channel that was down is retried without sending twice to the others.
Channels are identified by a hash of their notification URL (which may hold a password or token);
``label`` is the URL with its secrets masked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, in_list
from store.types import utcnow

#: What an alert announces: a new or changed claim, a digest of a run's, a source down or back.
ALERT_KINDS: tuple[str, ...] = ("new", "change", "digest", "source_down", "source_recovered")
#: The outcome of the latest attempt to deliver an alert to one channel.
DELIVERY_STATUSES: tuple[str, ...] = ("sent", "failed")


class Alert(Base):
    """One message in the outbox; ``facts`` keeps the structured data it was rendered from."""

    __tablename__ = "alerts"
    __table_args__ = (CheckConstraint(in_list("kind", ALERT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    source_name: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    facts: Mapped[dict[str, Any]]
    created: Mapped[datetime] = mapped_column(default=utcnow)
    sent: Mapped[datetime | None] = mapped_column(index=True)

    def __repr__(self) -> str:
        return f"Alert(id={self.id!r}, kind={self.kind!r}, sent={self.sent!r})"


class AlertDelivery(Base):
    """One alert on one channel: attempts so far, the last error, and when it was sent."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (CheckConstraint(in_list("status", DELIVERY_STATUSES), name="status"),)

    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"AlertDelivery(alert_id={self.alert_id!r}, channel={self.channel!r}, {self.status!r})"
