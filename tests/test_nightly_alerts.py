"""The nightly story end to end: real crawls of a local news site by ``capexwatch crawl`` processes,
alerts delivered to a real local JSON webhook, on SQLite and PostgreSQL.

First crawl alerts; an unchanged site sends nothing; a new figure and a repeat of a known one from
another outlet send exactly one alert (the new one); a different figure for a known subject and year
sends a change alert naming what was known; with the receiver down the alert is kept and delivered
once by ``alerts retry``; a crawl killed between recording and sending leaves its alert in the outbox
and the next run (taking over the dead run's lock) delivers it once. Meanwhile a third feed breaks for
two runs (``source_failures = 2``): one alert when it reaches two, one more when it works again.
"""

from __future__ import annotations

import json
import signal
from datetime import UTC, datetime
from pathlib import Path

from clirun import capexwatch, invoke, write_config
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
WEATHER = story(
    "mild-winter",
    "Flaky Times",
    "A mild winter ahead",
    "2026-01-02",
    "Forecasters expect a mild and wet winter across the region, with little snow before February.",
)
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
        site.add("flaky", WEATHER)  # lists one page, about nothing we watch
        config = write_config(
            tmp_path / "capexwatch.toml", base, ["ledger", "wire", "flaky"], [hook.url()], "source_failures = 2\n"
        )

        def crawl(env: dict[str, str] | None = None):
            return capexwatch("--config", str(config), "--db", database_url, "crawl", "-q", cwd=tmp_path, env=env)

        def cli(*args: str) -> str:
            result = invoke("--config", str(config), "--db", database_url, *args)
            assert result.exit_code == 0, result.stderr
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
        #    (The flaky feed breaks: one failed run is not yet worth an alert.)
        site.add("ledger", CHANGE_2026)
        site.take_down("flaky")
        fourth = crawl()
        assert fourth.returncode == 0, fourth.stderr[-3000:]
        (change,) = hook.take()
        assert change["title"] == "Changed capex figure: ByteDance 2026: Rmb180bn (before: Rmb160bn)"
        assert "Rmb180bn for 2026, Bloomberg News; before: Rmb160bn, Financial Times, 2025-12-23." in change["message"]

        # 5. The receiver is down: the crawl completes, the alerts are kept (a new claim, and the flaky
        #    feed failing a second time); `alerts retry` delivers them once.
        hook.down()
        site.add("wire", WHILE_DOWN_2028)
        fifth = crawl()
        assert fifth.returncode == 0, fifth.stderr[-3000:]
        assert "alerts: 2 recorded, 0 sent, 2 pending" in fifth.stdout
        assert "source down: flaky" in fifth.stdout
        assert f"alerts not delivered to json://127.0.0.1:{hook.port}/hook" in fifth.stderr
        pending = json.loads(cli("alerts", "list", "--state", "pending", "--format", "json"))
        assert [a["title"] for a in pending] == ["Source failing: flaky", "New capex figure: ByteDance 2028: Rmb220bn"]
        assert [(d["status"], d["attempts"]) for d in pending[1]["deliveries"]] == [("failed", 1)]
        hook.up()
        assert "alerts: 0 recorded, 2 sent, 0 pending" in cli("alerts", "retry")
        received = hook.take()
        assert [m["title"] for m in received] == ["New capex figure: ByteDance 2028: Rmb220bn", "Source failing: flaky"]
        assert "flaky failed (http_404 1) on each of its last 2 runs (runs 4, 5)." in received[1]["message"]

        # 6. Killed between recording the alert and sending it: the next run takes over the dead
        #    run's lock, marks that run interrupted and delivers that alert, once (and nothing sent before).
        #    The flaky feed is back: the run after the crash says so.
        site.add("ledger", BEFORE_CRASH_2029)
        site.bring_up("flaky")
        killed = crawl(env={"CAPEXWATCH_CRASH_AT": "before_delivery"})
        assert killed.returncode == -signal.SIGKILL
        assert hook.take() == []
        assert [a["title"] for a in json.loads(cli("alerts", "list", "--state", "pending", "--format", "json"))] == [
            "New capex figure: ByteDance 2029: Rmb250bn"
        ]
        after = crawl()
        assert after.returncode == 0, after.stderr[-3000:]
        assert "took over the lock of run 6 (capexwatch crawl)" in after.stderr
        assert titles(hook.take()) == ["New capex figure: ByteDance 2029: Rmb250bn", "Source working again: flaky"]
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

        # The same, as people read it.
        listing = [line for line in cli("runs").splitlines() if line.startswith("run ")]
        assert listing[1].startswith("run 6  interrupted ") and listing[6].startswith("run 1  completed ")
        assert (
            "sources 3 (0 failed) · listed 3 · fetched 3 · kept 2 · figures 3 · claims 2 new, 0 changed" in listing[6]
        )
        shown = cli("runs", "show", "4")
        assert "  [ledger] ok · listed 3 · fetched 1 · kept 1 · figures 1" in shown
        assert f"({CHANGE_2026.title})" not in shown and f"{CHANGE_2026.title}  {base}{CHANGE_2026.path}" in shown
        assert "  [flaky] FAILED · listed 0 · fetched 0 · kept 0 · figures 0 · errors http_404 1" in shown
        assert "  claim 4  change ByteDance · capex · 2026 · CNY 180bn" in shown
        assert "  alert 4  change           sent    Changed capex figure: ByteDance 2026: Rmb180bn" in shown
        missing = invoke("--config", str(config), "--db", database_url, "runs", "show", "99")
        assert missing.exit_code == 1 and "no run 99" in missing.stderr
        ledger = cli("claims", "--subject", "ByteDance", "--year", "2026")
        assert ledger.splitlines()[0] == "claim 2  ByteDance · capex · 2026 · CNY 160bn  new · pending"
        assert "  first reported 2025-12-23, last 2026-01-06 · 3 sources" in ledger
        assert "claim 4  ByteDance · capex · 2026 · CNY 180bn  change (before: claim 2) · pending" in ledger
        table = cli("claims", "--format", "csv").splitlines()
        assert table[0].startswith("id,subject,metric,year,amount,amount_high,currency,amount_usd,kind,")
        assert len(table) == 1 + 6
        outbox = cli("alerts", "list").splitlines()
        assert outbox[0].startswith("alert 8  sent    source_recovered ") and outbox[0].endswith("flaky")
        assert outbox[6].startswith("alert 5  sent    new ") and outbox[7].endswith("(2 attempts)")
