"""The nightly story end to end: real crawls of a local news site by ``capexwatch crawl`` processes,
alerts delivered to a real local JSON webhook, on SQLite and PostgreSQL.

First crawl alerts; an unchanged site sends nothing; a new figure and a repeat of a known one from
another outlet send exactly one alert (the new one); a different figure for a known subject and year
sends a change alert naming what was known; with the receiver down the alert is kept and delivered
once by ``alerts retry``; a crawl killed between recording and sending leaves its alert in the outbox
and the next run (taking over the dead run's lock) delivers it once.
"""

from __future__ import annotations

import json
import signal
from datetime import UTC, datetime
from pathlib import Path

from clirun import capexwatch, write_config
from newssite import Story, news_site
from receivers import webhook


def story(slug: str, outlet: str, title: str, day: str, text: str) -> Story:
    return Story(slug, outlet, title, datetime.fromisoformat(day).replace(hour=6, tzinfo=UTC), (text,))


LEDGER_2026 = story(
    "bytedance-2026-budget", "The Harbour Ledger", "ByteDance lines up Rmb160bn AI budget for 2026", "2025-12-23",
    "ByteDance plans to lift its capital expenditure to Rmb160bn ($22bn) in 2026, the Financial Times reported on "
    "Tuesday, as the TikTok owner races to secure computing power for its AI models.",
)  # fmt: skip
WIRE_2025 = story(
    "bytedance-2025-capex", "Meridian Wire", "ByteDance sets aside 150 billion yuan for 2025", "2025-01-23",
    "ByteDance has set aside 150 billion yuan for capital spending in 2025, Reuters reported on Thursday, citing "
    "people familiar with the matter.",
)  # fmt: skip
NEW_2027 = story(
    "bytedance-2027-outlook", "Pacific Business Daily", "ByteDance eyes Rmb200bn capex in 2027", "2026-01-05",
    "ByteDance expects its capital expenditure to reach Rmb200bn in 2027, Bloomberg News reported, as the TikTok "
    "owner builds more data centres.",
)  # fmt: skip
REPEAT_2026 = story(
    "bytedance-chips-2026", "Straits Tech Review", "ByteDance to keep buying chips", "2026-01-06",
    "ByteDance will spend Rmb160bn on capital expenditure in 2026, the Financial Times reported last month, as "
    "the TikTok owner buys more chips.",
)  # fmt: skip
CHANGE_2026 = story(
    "bytedance-raises-2026", "Pacific Business Daily", "ByteDance raises 2026 budget to Rmb180bn", "2026-01-20",
    "ByteDance has raised its capital expenditure budget for 2026 to Rmb180bn, Bloomberg News reported on Tuesday, "
    "citing people familiar with the plans.",
)  # fmt: skip
WHILE_DOWN_2028 = story(
    "bytedance-2028-leases", "Straits Tech Review", "ByteDance signs more data centre leases", "2026-02-02",
    "ByteDance plans capital expenditure of Rmb220bn in 2028, The Information reported, as the TikTok owner signs "
    "more data centre leases.",
)  # fmt: skip
BEFORE_CRASH_2029 = story(
    "bytedance-2029-plan", "Meridian Wire", "ByteDance weighs Rmb250bn plan", "2026-02-09",
    "ByteDance is weighing capital expenditure of Rmb250bn in 2029, Caixin reported, as the TikTok owner plans "
    "new data centres.",
)  # fmt: skip


def titles(received: list[dict]) -> list[str]:
    return sorted(message["title"] for message in received)


def test_a_night_of_crawls_alerts_once_per_new_or_changed_claim(database_url: str, tmp_path: Path) -> None:
    with news_site(tmp_path / "site") as (site, base), webhook() as hook:
        site.add("ledger", LEDGER_2026)
        site.add("wire", WIRE_2025)
        config = write_config(tmp_path / "capexwatch.toml", base, ["ledger", "wire"], [hook.url()])

        def crawl(env: dict[str, str] | None = None):
            return capexwatch("--config", str(config), "--db", database_url, "crawl", "-q", cwd=tmp_path, env=env)

        def cli(*args: str):
            result = capexwatch("--config", str(config), "--db", database_url, *args, cwd=tmp_path)
            assert result.returncode == 0, result.stderr
            return result.stdout

        # 1. The first crawl alerts about each new capex claim, with its context.
        first = crawl()
        assert first.returncode == 0, first.stderr[-3000:]
        received = hook.take()
        assert titles(received) == [
            "New capex figure: ByteDance 2025: 150 billion yuan",
            "New capex figure: ByteDance 2026: Rmb160bn",
        ]
        new_2026 = next(m["message"] for m in received if "2026" in m["title"])
        for fact in (
            "Rmb160bn ($22bn) for 2026, Financial Times — ByteDance, capex (CNY 160bn)",  # figure, year, who, whose
            "nothing was known for ByteDance capex 2026",  # what was known before
            LEDGER_2026.paragraphs[0],  # the sentence
            "The Harbour Ledger, 2025-12-23: ByteDance lines up Rmb160bn AI budget for 2026",  # outlet, title
            f"{base}{LEDGER_2026.path}",  # link
            "This figure awaits review.",
        ):
            assert fact in new_2026, fact
        assert "alerts: 2 recorded, 2 sent, 0 pending" in first.stdout

        # 2. The same site again: nothing new, nothing sent.
        second = crawl()
        assert second.returncode == 0, second.stderr[-3000:]
        assert hook.take() == []
        assert "claims: 0 new, 0 changed" in second.stdout

        # 3. A new figure, and a known one repeated by another outlet: one alert, for the new figure.
        site.add("ledger", NEW_2027)
        site.add("wire", REPEAT_2026)
        third = crawl()
        assert third.returncode == 0, third.stderr[-3000:]
        assert titles(hook.take()) == ["New capex figure: ByteDance 2027: Rmb200bn"]
        claims_2026 = json.loads(cli("claims", "--subject", "bytedance", "--year", "2026", "--format", "json"))
        assert [(c["amount"], c["currency"], c["kind"]) for c in claims_2026] == [("160000000000", "CNY", "new")]
        assert sorted({s["outlet"] for s in claims_2026[0]["sources"]}) == ["Straits Tech Review", "The Harbour Ledger"]
        assert [s["relation"] for s in claims_2026[0]["sources"]] == ["first", "equivalent", "corroboration"]

        # 4. A different amount for a known subject and year: a change alert naming what was known.
        site.add("ledger", CHANGE_2026)
        fourth = crawl()
        assert fourth.returncode == 0, fourth.stderr[-3000:]
        (change,) = hook.take()
        assert change["title"] == "Changed capex figure: ByteDance 2026: Rmb180bn (before: Rmb160bn)"
        assert "Rmb180bn for 2026, Bloomberg News; before: Rmb160bn, Financial Times, 2025-12-23." in change["message"]

        # 5. The receiver is down: the crawl completes, the alert is kept; `alerts retry` delivers it once.
        hook.down()
        site.add("wire", WHILE_DOWN_2028)
        fifth = crawl()
        assert fifth.returncode == 0, fifth.stderr[-3000:]
        assert "alerts: 1 recorded, 0 sent, 1 pending" in fifth.stdout
        assert f"alerts not delivered to json://127.0.0.1:{hook.port}/hook" in fifth.stderr
        pending = json.loads(cli("alerts", "list", "--state", "pending", "--format", "json"))
        assert [a["title"] for a in pending] == ["New capex figure: ByteDance 2028: Rmb220bn"]
        assert pending[0]["deliveries"][0]["status"] == "failed" and pending[0]["deliveries"][0]["attempts"] == 1
        hook.up()
        assert "alerts: 0 recorded, 1 sent, 0 pending" in cli("alerts", "retry")
        assert titles(hook.take()) == ["New capex figure: ByteDance 2028: Rmb220bn"]

        # 6. Killed between recording the alert and sending it: the next run takes over the dead
        #    run's lock, marks that run interrupted and delivers that alert, once (and nothing sent before).
        site.add("ledger", BEFORE_CRASH_2029)
        killed = crawl(env={"CAPEXWATCH_CRASH_AT": "before_delivery"})
        assert killed.returncode == -signal.SIGKILL
        assert hook.take() == []
        assert [a["title"] for a in json.loads(cli("alerts", "list", "--state", "pending", "--format", "json"))] == [
            "New capex figure: ByteDance 2029: Rmb250bn"
        ]
        after = crawl()
        assert after.returncode == 0, after.stderr[-3000:]
        assert "took over the lock of run 6 (capexwatch crawl)" in after.stderr
        assert titles(hook.take()) == ["New capex figure: ByteDance 2029: Rmb250bn"]
        assert json.loads(cli("alerts", "list", "--state", "pending", "--format", "json")) == []

        # Every run is recorded with its counts, newest first.
        runs = json.loads(cli("runs", "--format", "json"))
        assert [r["id"] for r in runs] == [7, 6, 5, 4, 3, 2, 1]
        assert [r["status"] for r in runs].count("interrupted") == 1 and runs[1]["status"] == "interrupted"
        assert "stopped without finishing: process" in runs[1]["message"]
        assert [r["added"]["articles"] for r in reversed(runs)] == [2, 0, 2, 1, 1, 1, 0]
        assert runs[-1]["sources"]["ledger"] == {
            "failed": False, "listed": 1, "fetched": 1, "kept": 1, "figures": 2, "errors": {},
        }  # fmt: skip
        # The killed run had recorded its claim (and alert) before it died: they are run 6's.
        assert [r["claims"].get("new", 0) for r in reversed(runs)] == [2, 0, 1, 0, 1, 1, 0]
        assert all(r["config_hash"] and r["ruleset"] for r in runs)
