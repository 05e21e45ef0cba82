"""Deciding over HTTP against a real database: approve, reject, correct, undo, bulk, the audit
trail, "changed under you" (also with two reviewers posting at the same moment), and 4xx answers
that change nothing."""

from __future__ import annotations

import threading

from review_client import Env, post


def test_approve_reject_correct_and_undo(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    reuters_cny, reuters_usd = env.ids["reuters-jan"]
    approved = post(client, f"/figures/{reuters_cny}/approve", {"version": "0", "next": "/?focus=2"})
    assert approved.status_code == 303 and approved.headers["Location"] == "/?focus=2"
    assert env.figure(reuters_cny) == ("approved", 1)
    assert "Approved figure" in client.get("/").get_data(as_text=True)

    rejected = post(client, f"/figures/{reuters_usd}/reject", {"version": "0", "reason": "repeats the yuan figure"})
    assert rejected.status_code == 303 and env.figure(reuters_usd) == ("rejected", 1)

    ft_2026 = env.ids["ft-dec"][0]
    corrected = post(client, f"/figures/{ft_2026}/correct", {
        "version": "0", "amount": "165bn", "amount_high": "", "currency": "cny", "year": "2026",
        "source": "Financial Times", "subject": "ByteDance", "metric": "capex", "note": "FT follow-up",
    })  # fmt: skip
    assert corrected.status_code == 303 and env.figure(ft_2026) == ("approved", 1)
    page = client.get(f"/figures/{ft_2026}").get_data(as_text=True)
    assert "165,000,000,000" in page and "160,000,000,000" in page  # effective beside extracted

    undone = post(client, f"/figures/{reuters_usd}/undo", {"version": "1"})
    assert undone.status_code == 303 and env.figure(reuters_usd) == ("pending", 2)
    assert env.decisions() == [
        (reuters_cny, "approved", "ann", None),
        (reuters_usd, "rejected", "ann", "repeats the yuan figure"),
        (ft_2026, "corrected", "ann", "FT follow-up"),
        (reuters_usd, "undo", "ann", None),
    ]


def test_the_figure_page_is_the_audit_trail(review_env: Env) -> None:
    env = review_env
    fid = env.ids["information-dec"][0]
    post(env.client("ann"), f"/figures/{fid}/approve", {"version": "0"})
    bob = env.client("bob")
    post(bob, f"/figures/{fid}/reject", {"version": "1", "reason": "chips, not capex"})
    post(bob, f"/figures/{fid}/undo", {"version": "2"})
    page = bob.get(f"/figures/{fid}").get_data(as_text=True)
    history = page[page.index("<h2>History</h2>") : page.index('<section class="article-text">')]
    rows = history.split("<tr")[2:]
    assert [("ann" in r, "bob" in r) for r in rows] == [(True, False), (False, True), (False, True)]
    assert "approved" in rows[0] and "rejected" in rows[1] and "chips, not capex" in rows[1]
    assert "undone by bob" in rows[1] and "took back #2" in rows[2]
    assert "UTC" in rows[0]  # when


def test_bulk_approve_is_all_or_nothing(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    a, b = env.ids["ft-dec"]
    c = env.ids["information-dec"][0]
    done = post(client, "/decisions/bulk", {"action": "approve", "pick": [f"{a}:0", f"{b}:0"]})
    assert done.status_code == 303
    assert env.figure(a) == env.figure(b) == ("approved", 1)
    stale = post(client, "/decisions/bulk", {"action": "reject", "reason": "dup", "pick": [f"{c}:0", f"{a}:0"]})
    assert stale.status_code == 409 and "changed under you" in stale.get_data(as_text=True)
    assert env.figure(c) == ("pending", 0)  # decided before the stale one, rolled back with it
    as_json = post(client, "/decisions/bulk", {"action": "approve", "pick": [f"{c}:0"]},
                   headers={"Accept": "application/json"})  # fmt: skip
    assert as_json.get_json()["figures"] == [{"id": c, "status": "approved", "version": 1}]
    assert post(client, "/decisions/bulk", {"action": "reject", "pick": [f"{c}:1"]}).status_code == 400  # no reason
    assert post(client, "/decisions/bulk", {"action": "approve"}).status_code == 400  # nothing picked
    assert post(client, "/decisions/bulk", {"action": "approve", "pick": ["12;drop"]}).status_code == 400


def test_a_stale_version_is_a_409_and_overwrites_nothing(review_env: Env) -> None:
    env = review_env
    fid = env.ids["scmp-jan"][0]
    ann, bob = env.client("ann"), env.client("bob")
    assert post(ann, f"/figures/{fid}/approve", {"version": "0"}).status_code == 303
    late = post(bob, f"/figures/{fid}/reject", {"version": "0", "reason": "revenue"})
    assert late.status_code == 409
    text = late.get_data(as_text=True)
    assert "Changed under you" in text and "approved by ann" in text and "nothing was recorded" in text
    as_json = post(bob, f"/figures/{fid}/approve", {"version": "0"}, headers={"Accept": "application/json"})
    assert as_json.status_code == 409 and as_json.get_json()["error"] == "Changed under you"
    assert env.decisions(fid) == [(fid, "approved", "ann", None)]


def test_two_reviewers_posting_at_once_never_lose_a_decision(review_env: Env) -> None:
    """Two threads, two signed-in clients, the same figure version, released together."""
    env = review_env
    fid = env.ids["bloomberg-feb"][0]
    clients = {"ann": env.client("ann"), "bob": env.client("bob")}
    from review_client import token

    tokens = {name: token(client, "/") for name, client in clients.items()}
    start = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def decide(name: str) -> None:
        start.wait(timeout=10)
        response = clients[name].post(f"/figures/{fid}/approve", data={"version": "0", "csrf_token": tokens[name]})
        statuses[name] = response.status_code

    threads = [threading.Thread(target=decide, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses.values()) == [303, 409]
    winner = next(name for name, status in statuses.items() if status == 303)
    assert env.decisions(fid) == [(fid, "approved", winner, None)]
    assert env.figure(fid) == ("approved", 1)


def test_bad_requests_get_a_clear_4xx_and_change_nothing(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    fid = env.ids["ft-dec"][1]
    cases = [
        ("/figures/999999/approve", {"version": "0"}, 404, "no figure with id 999999"),
        (f"/figures/{fid}/approve", {}, 400, "version"),
        (f"/figures/{fid}/approve", {"version": "abc"}, 400, "version"),
        (f"/figures/{fid}/reject", {"version": "0"}, 400, "give a reason"),
        (f"/figures/{fid}/correct", {"version": "0", "amount": "lots", "currency": "CNY", "metric": "capex"}, 400,
         "is not an amount"),
        (f"/figures/{fid}/correct", {"version": "0", "amount": "150bn", "currency": "CNY", "year": "2025",
                                     "source": "Financial Times", "subject": "ByteDance", "metric": "capex"}, 400,
         "nothing to correct"),
        (f"/figures/{fid}/correct", {"version": "0", "amount": "150bn", "currency": "yuan", "metric": "capex"}, 400,
         "3-letter code"),
        (f"/figures/{fid}/undo", {"version": "0"}, 400, "no decision to undo"),
    ]  # fmt: skip
    for path, data, status, message in cases:
        response = post(client, path, data)
        text = response.get_data(as_text=True)
        assert response.status_code == status, (path, data, text[:300])
        assert message in text, (path, message)
        assert "Traceback" not in text
    approved = env.ids["ft-dec"][0]
    assert post(client, f"/figures/{approved}/approve", {"version": "0"}).status_code == 303
    again = post(client, f"/figures/{approved}/approve", {"version": "1"})
    assert again.status_code == 400 and "already approved by ann" in again.get_data(as_text=True)
    assert env.decisions() == [(approved, "approved", "ann", None)]
    assert client.get("/figures/999999").status_code == 404
    assert client.get("/?year=next").status_code == 400
    assert client.get("/?status=maybe").status_code == 400
    assert client.get("/?page=0").status_code == 400
    assert client.get("/figures/1/approve").status_code == 405
    assert client.get("/no/such/page").status_code == 404
    assert env.decisions() == [(approved, "approved", "ann", None)]
    assert env.figure(fid) == ("pending", 0)
