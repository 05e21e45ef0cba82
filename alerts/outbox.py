"""The outbox: record the alerts a run's ledger changes call for, in the caller's transaction.

With ``on = "extracted"`` (the default) the claims stage's events are turned into alerts in the same
transaction that writes the ledger: either both are committed or neither is, so a crash can lose
neither the claim nor its alert. With ``on = "approved"``, :func:`record_approved_alerts` scans for new
or changed claims a reviewer has approved and that were not announced yet; it runs at the end of
every crawl and in ``capexwatch alerts retry``, so the review code need not call anything. Each claim
is announced at most once (``claims.alert_id``), whichever mode found it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from alerts.ledger import ClaimEvent
from alerts.messages import claim_facts, render_claim, render_digest
from alerts.settings import AlertSettings
from store.models import Alert, AlertDelivery, Claim, ClaimFigure, Figure, ReviewDecision
from store.types import utcnow

AWAITS_REVIEW = "This figure awaits review."
#: Figure statuses that count as a reviewer's approval (a correction approves the figure too).
APPROVED_STATUSES: tuple[str, ...] = ("approved",)
#: Decisions that approve a figure: as it was extracted, or with corrected values.
APPROVING_DECISIONS: tuple[str, ...] = ("approved", "corrected")


def record_alert(
    session: Session,
    kind: str,
    title: str,
    body: str,
    facts: Mapping[str, Any],
    run_id: int | None,
    source_name: str | None = None,
) -> Alert:
    """Put one rendered message in the outbox (flushed, not committed)."""
    alert = Alert(
        kind=kind, run_id=run_id, source_name=source_name, title=title, body=body, facts=dict(facts), created=utcnow()
    )
    session.add(alert)
    session.flush()
    return alert


def _record_claims(
    session: Session, items: Sequence[tuple[Claim, dict[str, Any]]], digest: bool, run_id: int | None
) -> list[Alert]:
    """One alert per claim, or one digest for them all; each claim points at the alert announcing it."""
    if not items:
        return []
    if digest:
        title, body = render_digest([facts for _, facts in items], run_id)
        alert = record_alert(session, "digest", title, body, {"claims": [facts for _, facts in items]}, run_id)
        for claim, _ in items:
            claim.alert_id = alert.id
        session.flush()
        return [alert]
    alerts = []
    for claim, facts in items:
        title, body = render_claim(facts)
        alert = record_alert(session, claim.kind, title, body, facts, run_id)
        claim.alert_id = alert.id
        alerts.append(alert)
    session.flush()
    return alerts


def record_claim_alerts(
    session: Session, events: Sequence[ClaimEvent], settings: AlertSettings, run_id: int | None
) -> list[Alert]:
    """The alerts for the claims stage's ``events`` when alerting on extraction: new claims and changes
    of an alerting metric, from a recorded run. Corroborations and uncompared claims never alert."""
    if not settings.enabled or settings.on != "extracted":
        return []
    items = []
    for event in events:
        if event.relation in ("new", "change") and event.from_run and event.metric in settings.metrics:
            claim = session.get_one(Claim, event.claim_id)
            if claim.alert_id is None:
                items.append((claim, claim_facts(session, claim, AWAITS_REVIEW, run_id)))
    return _record_claims(session, items, settings.digest, run_id)


def _approval(session: Session, claim_id: int) -> str:
    """ "Approved by alice on 2026-12-03." from the latest approving decision on the claim's figures."""
    undo = aliased(ReviewDecision)
    decision = session.scalars(
        select(ReviewDecision)
        .join(ClaimFigure, ClaimFigure.figure_id == ReviewDecision.figure_id)
        .where(
            ClaimFigure.claim_id == claim_id,
            ReviewDecision.decision.in_(APPROVING_DECISIONS),
            ~select(undo.id).where(undo.undoes_id == ReviewDecision.id).exists(),  # not taken back
        )
        .order_by(ReviewDecision.decided_at.desc(), ReviewDecision.id.desc())
        .limit(1)
    ).first()
    if decision is None:
        return "Approved by a reviewer."
    verb = "Approved" if decision.decision == "approved" else "Corrected and approved"
    return f"{verb} by {decision.user.name} on {decision.decided_at.date().isoformat()}."


def record_approved_alerts(session: Session, settings: AlertSettings, run_id: int | None) -> list[Alert]:
    """When alerting on approval: the new or changed claims (of an alerting metric, from a recorded
    run) that a reviewer approved since the last scan and that were not announced yet."""
    if not settings.enabled or settings.on != "approved":
        return []
    first_link, first_figure = aliased(ClaimFigure, name="first_link"), aliased(Figure, name="first_figure")
    link, member = aliased(ClaimFigure, name="member_link"), aliased(Figure, name="member")
    query = (
        select(Claim)
        .where(
            Claim.kind.in_(("new", "change")),
            Claim.alert_id.is_(None),
            Claim.metric.in_(settings.metrics),
            exists().where(
                first_link.claim_id == Claim.id, first_link.relation == "first",
                first_link.figure_id == first_figure.id, first_figure.run_id.is_not(None),
            ),
            exists().where(
                link.claim_id == Claim.id, link.figure_id == member.id, member.status.in_(APPROVED_STATUSES)
            ),
        )
        .order_by(Claim.id)
    )  # fmt: skip
    items = [
        (claim, claim_facts(session, claim, _approval(session, claim.id), run_id)) for claim in session.scalars(query)
    ]
    return _record_claims(session, items, settings.digest, run_id)


@dataclass(slots=True)
class OutboxRow:
    """An alert and its deliveries, for ``capexwatch alerts list``."""

    alert: Alert
    deliveries: list[AlertDelivery] = field(default_factory=list)

    @property
    def state(self) -> str:
        return "sent" if self.alert.sent is not None else "pending"

    def to_json(self) -> dict[str, Any]:
        alert = self.alert
        return {
            "id": alert.id,
            "kind": alert.kind,
            "state": self.state,
            "run_id": alert.run_id,
            "source_name": alert.source_name,
            "created": alert.created.isoformat(),
            "sent": alert.sent.isoformat() if alert.sent else None,
            "title": alert.title,
            "body": alert.body,
            "facts": alert.facts,
            "deliveries": [
                {
                    "channel": d.label, "status": d.status, "attempts": d.attempts,
                    "last_attempt": d.last_attempt.isoformat(), "last_error": d.last_error,
                    "sent": d.sent.isoformat() if d.sent else None,
                }
                for d in self.deliveries
            ],
        }  # fmt: skip


def list_outbox(session: Session, state: str = "all", limit: int | None = None) -> list[OutboxRow]:
    """Alerts newest first: ``all``, only ``pending`` (not yet on every channel) or only ``sent``."""
    query = select(Alert).order_by(Alert.id.desc())
    if state == "pending":
        query = query.where(Alert.sent.is_(None))
    elif state == "sent":
        query = query.where(Alert.sent.is_not(None))
    if limit is not None:
        query = query.limit(limit)
    rows = [OutboxRow(alert) for alert in session.scalars(query)]
    by_id = {row.alert.id: row for row in rows}
    if by_id:
        for delivery in session.scalars(
            select(AlertDelivery).where(AlertDelivery.alert_id.in_(by_id)).order_by(AlertDelivery.label)
        ):
            by_id[delivery.alert_id].deliveries.append(delivery)
    return rows


def pending_count(session: Session) -> int:
    """How many alerts still wait for at least one channel."""
    return session.scalar(select(func.count()).select_from(Alert).where(Alert.sent.is_(None))) or 0
