"""The outbox on a real store, delivered to real local receivers: a JSON webhook and an SMTP server.

Alerts are recorded with the ledger change that causes them; each channel gets each alert once; a
channel that is down is retried later without sending again to the others; digest and approval modes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clirun import capexwatch
from ledger_helpers import Said, publish
from receivers import mail_server, webhook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.delivery import deliver_pending, make_channels
from alerts.ledger import assign_claims
from alerts.outbox import list_outbox, record_approved_alerts, record_claim_alerts
from alerts.settings import AlertSettings
from store.database import open_database, session_factory
from store.decisions import record_decision
from store.models import Alert, Claim, Figure
from store.rates import RateTable
from store.users import add_user

SENTENCE = "ByteDance plans capex of Rmb160bn in 2026 <script>alert(1)</script>, the FT said."


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = open_database(database_url)
    yield session_factory(engine)
    engine.dispose()


def crawl_stage(
    sessions: sessionmaker[Session], settings: AlertSettings, *stories: tuple[str, str, str, Said]
) -> list[Alert]:
    """What the nightly claims stage does: store the articles, then ledger and alerts in one transaction."""
    with sessions.begin() as session:
        for slug, day, sentence, said in stories:
            publish(session, slug, "The Harbour Ledger", day, sentence, said)
    with sessions.begin() as session:
        events = assign_claims(session, RateTable.load(session), run_id=None)
        return record_claim_alerts(session, events, settings, run_id=None)


def test_each_channel_gets_each_alert_once_even_when_one_was_down(sessions) -> None:
    with webhook() as hook, mail_server() as mail:
        settings = AlertSettings(notify=(hook.url(), mail.url()))
        channels = make_channels(settings.notify)
        (alert,) = crawl_stage(
            sessions, settings, ("ft", "2025-12-23", SENTENCE, Said("Rmb160bn", "160e9", "CNY", 2026))
        )

        hook.down()
        report = deliver_pending(sessions, channels)
        assert (report.sent, report.pending) == (0, 1)
        assert list(report.failures) == [f"json://127.0.0.1:{hook.port}/hook"]
        (mailed,) = mail.take()
        assert mailed[0] == ["team@example.org"]
        assert mailed[1]["Subject"] == "New capex figure: ByteDance 2026: Rmb160bn"
        # Plain text: the scraped words arrive as written and are never markup.
        assert mailed[1].get_content_type() == "text/plain" and SENTENCE in mailed[1].get_content()

        hook.up()
        report = deliver_pending(sessions, channels)
        assert (report.sent, report.pending, report.failures) == (1, 0, {})
        assert [m["title"] for m in hook.take()] == ["New capex figure: ByteDance 2026: Rmb160bn"]
        assert mail.take() == []  # the mail channel already had it

        assert deliver_pending(sessions, channels).sent == 0  # nothing pending: nothing sent again
        assert hook.take() == [] and mail.take() == []
        with sessions() as session:
            (row,) = list_outbox(session)
            assert row.alert.id == alert.id and row.state == "sent"
            assert sorted((d.status, d.attempts) for d in row.deliveries) == [("sent", 1), ("sent", 2)]


def test_a_digest_is_one_message_for_the_whole_run(sessions) -> None:
    with webhook() as hook:
        settings = AlertSettings(notify=(hook.url(),), digest=True)
        alerts = crawl_stage(
            sessions, settings,
            ("a", "2025-12-23", "ByteDance plans capex of Rmb160bn in 2026.", Said("Rmb160bn", "160e9", "CNY", 2026)),
            ("b", "2025-12-24", "ByteDance plans capex of Rmb200bn in 2027.", Said("Rmb200bn", "200e9", "CNY", 2027)),
        )  # fmt: skip
        assert [a.kind for a in alerts] == ["digest"]
        deliver_pending(sessions, make_channels(settings.notify))
        (message,) = hook.take()
        assert message["title"] == "capexwatch: 2 new or changed figure(s)"
        assert "Rmb160bn for 2026" in message["message"] and "Rmb200bn for 2027" in message["message"]
        with sessions() as session:
            assert set(session.scalars(select(Claim.alert_id).where(Claim.kind == "new"))) == {alerts[0].id}


def test_metrics_that_do_not_alert_and_no_channels_record_nothing(sessions) -> None:
    revenue = Said("$20bn", "20e9", "USD", 2025, metric="revenue")
    assert crawl_stage(sessions, AlertSettings(notify=("json://127.0.0.1:9/x",)),
                       ("r", "2025-03-01", "ByteDance had revenue of $20bn in 2025.", revenue)) == []  # fmt: skip
    capex = Said("$30bn", "30e9", "USD", 2025)
    assert crawl_stage(sessions, AlertSettings(notify=()),
                       ("c", "2025-03-02", "ByteDance plans capex of $30bn in 2025.", capex)) == []  # fmt: skip
    with sessions() as session:
        assert session.scalar(select(Claim.id).where(Claim.metric == "capex")) is not None  # the ledger is kept


def test_on_approved_alerts_once_a_reviewer_approves(sessions) -> None:
    settings = AlertSettings(notify=("json://127.0.0.1:9/x",), on="approved")
    assert crawl_stage(sessions, settings, ("ft", "2025-12-23", SENTENCE, Said("Rmb160bn", "160e9", "CNY", 2026))) == []
    with sessions.begin() as session:
        assert record_approved_alerts(session, settings, run_id=None) == []  # pending review: nothing yet
        alice = add_user(session, "alice", "a long passphrase")
        record_decision(session, session.scalars(select(Figure.id)).one(), "approved", alice)
    with sessions.begin() as session:
        (alert,) = record_approved_alerts(session, settings, run_id=None)
        assert alert.kind == "new" and "Approved by alice on " in alert.body
    with sessions.begin() as session:
        assert record_approved_alerts(session, settings, run_id=None) == []  # announced once


def test_alerts_test_reports_each_channel(tmp_path: Path) -> None:
    with webhook() as hook, mail_server() as mail:
        config = tmp_path / "capexwatch.toml"
        config.write_text(f'[alerts]\nnotify = ["{hook.url()}", "{mail.url()}"]\n', encoding="utf-8")
        ok = capexwatch("--config", str(config), "alerts", "test", cwd=tmp_path)
        assert ok.returncode == 0, ok.stderr
        assert ok.stdout.splitlines() == [
            f"ok      json://127.0.0.1:{hook.port}/hook",
            f"ok      mailto://capexwatch@example.org:{mail.port}/team%40example.org",
        ]
        assert [m["title"] for m in hook.take()] == ["capexwatch test message"]
        assert [m["Subject"] for _, m in mail.take()] == ["capexwatch test message"]
        hook.down()
        failed = capexwatch("--config", str(config), "alerts", "test", cwd=tmp_path)
        assert failed.returncode == 1
        assert failed.stdout.splitlines()[0].startswith(
            f"FAILED  json://127.0.0.1:{hook.port}/hook: A Connection error"
        )
        assert "1 of 2 channel(s) failed" in failed.stderr
        hook.up()


def test_alerts_commands_need_a_channel(tmp_path: Path) -> None:
    config = tmp_path / "capexwatch.toml"
    config.write_text("[alerts]\nnotify = []\n", encoding="utf-8")
    result = capexwatch("--config", str(config), "alerts", "test", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{config}: [alerts] notify is empty; expected notify = [" in result.stderr
