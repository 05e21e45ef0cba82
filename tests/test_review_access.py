"""Who gets in: sign-in, its failure and rate limit, every route refused to signed-out visitors,
CSRF, roles, disabled users, and the security headers — over HTTP against a real database."""

from __future__ import annotations

import re

from flask import url_for
from review_client import Env, post, sign_in, token

from review.auth import PUBLIC_ENDPOINTS
from review.security import CONTENT_SECURITY_POLICY
from store import session_factory
from store.models import User
from store.users import set_active


def test_sign_in_then_the_queue(review_env: Env) -> None:
    env = review_env
    client = env.app.test_client()
    first = client.get("/")
    assert first.status_code == 302 and first.headers["Location"].startswith("/sign-in?next=/")
    response = sign_in(client, "ann")
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "capexwatch_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "ann" in page.get_data(as_text=True)
    assert "150 billion yuan" in page.get_data(as_text=True)


def test_sign_in_failure_and_rate_limit(review_env: Env) -> None:
    env = review_env
    client = env.app.test_client()
    for _ in range(3):  # the app allows 3 failures per name and address (AppSettings in review_client)
        form = {"name": "ann", "password": "not-her-password", "csrf_token": token(client)}
        wrong = client.post("/sign-in", data=form)
        assert wrong.status_code == 401 and "Wrong name or password" in wrong.get_data(as_text=True)
        assert "capexwatch_session" not in wrong.headers.get("Set-Cookie", "") or client.get("/").status_code == 302
    limited = client.post("/sign-in", data={"name": "ann", "password": "ann-password-1", "csrf_token": token(client)})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert client.get("/").status_code == 302  # even the right password is refused while limited
    sign_in(env.client(), "bob")  # another name is not affected


def test_every_route_refuses_signed_out_visitors(review_env: Env) -> None:
    """Enumerates the app's routes, so a route added later cannot skip the check."""
    env = review_env
    client = env.app.test_client()
    csrf = token(client)  # a valid token for this anonymous session: the refusal must come from auth
    checked = []
    for rule in env.app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        with env.app.test_request_context():
            url = url_for(rule.endpoint, **dict.fromkeys(rule.arguments, env.ids["ft-dec"][0]))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            form = {"csrf_token": csrf, "version": "0", "reason": "x", "pick": f"{env.ids['ft-dec'][0]}:0",
                    "action": "approve", "name": "eve", "password": "eve-password", "role": "admin"}  # fmt: skip
            response = client.open(url, method=method, data=form)
            body = response.get_data(as_text=True)
            if method == "GET":
                assert response.status_code == 302, (rule.rule, response.status_code)
                assert response.headers["Location"].startswith("/sign-in?next=")
            else:
                assert response.status_code == 401, (rule.rule, method, response.status_code)
            assert "Rmb160bn" not in body and "ByteDance" not in body, rule.rule
            json = client.open(url, method=method, data=form, headers={"Accept": "application/json"})
            assert json.status_code == 401 and json.get_json()["status"] == 401, rule.rule
            checked.append((rule.rule, method))
    assert len(checked) >= 11 and ("/", "GET") in checked and ("/decisions/bulk", "POST") in checked
    assert env.decisions() == []
    with session_factory(env.engine)() as session:
        assert session.query(User).filter_by(name="eve").first() is None
    assert client.get("/healthz").get_json() == {"status": "ok"}  # public, and says nothing else


def test_a_forged_post_without_the_csrf_token_changes_nothing(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    fid = env.ids["ft-dec"][0]
    for data in ({"version": "0"}, {"version": "0", "csrf_token": "forged"}):
        response = client.post(f"/figures/{fid}/approve", data=data)
        assert response.status_code == 400 and "Form expired or forged" in response.get_data(as_text=True)
    other = env.client("bob")
    stolen = post(other, f"/figures/{fid}/approve", {"version": "0"}).request  # bob's own token works for bob
    assert stolen is not None
    assert env.decisions(fid) == [(fid, "approved", "bob", None)]
    bobs_token = token(other, "/")
    assert client.post(f"/figures/{fid}/undo", data={"version": "1", "csrf_token": bobs_token}).status_code == 400
    assert env.figure(fid) == ("approved", 1)


def test_a_disabled_user_is_signed_out_at_the_next_request(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    assert client.get("/").status_code == 200
    with session_factory(env.engine).begin() as session:
        set_active(session, "ann", False)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    page = client.get(response.headers["Location"])
    assert "account was disabled" in page.get_data(as_text=True)
    forged = client.post(f"/figures/{env.ids['ft-dec'][0]}/approve", data={"version": "0", "csrf_token": token(client)})
    assert forged.status_code == 401
    assert env.decisions() == []


def test_only_admins_manage_users(review_env: Env) -> None:
    env = review_env
    reviewer = env.client("ann")
    assert reviewer.get("/admin/users").status_code == 403
    eve = {"name": "eve", "password": "eve-password", "role": "admin"}
    assert post(reviewer, "/admin/users", eve).status_code == 403
    admin = env.client("root")
    page = admin.get("/admin/users")
    assert page.status_code == 200 and "bob" in page.get_data(as_text=True)
    added = post(admin, "/admin/users", {"name": "eve", "password": "eve-password", "role": "reviewer"})
    assert added.status_code == 303
    sign_in(env.app.test_client(), "eve", "eve-password")
    with session_factory(env.engine)() as session:
        eve = session.query(User).filter_by(name="eve").one()
        root = session.query(User).filter_by(name="root").one()
    assert post(admin, f"/admin/users/{eve.id}/disable", {}).status_code == 303
    assert env.app.test_client().post("/sign-in", data={"name": "eve", "password": "eve-password",
                                                        "csrf_token": token(env.app.test_client())}).status_code == 400
    refused = post(admin, f"/admin/users/{root.id}/disable", {})
    assert refused.status_code == 400 and "cannot disable yourself" in refused.get_data(as_text=True)
    assert post(admin, "/admin/users", {"name": "x", "password": "short", "role": "reviewer"}).status_code == 400


def test_security_headers_on_pages_errors_and_static_files(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    for path, status in (("/", 200), ("/timeline", 200), ("/figures/999999", 404), ("/sign-in", 302),
                         ("/static/review.js", 200), ("/static/review.css", 200)):  # fmt: skip
        response = client.get(path)
        response.close()  # a static file is streamed from an open file
        assert response.status_code == status, path
        csp = response.headers["Content-Security-Policy"]
        assert csp == CONTENT_SECURITY_POLICY and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/").headers["Cache-Control"] == "no-store"
    page = client.get("/").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script on the page"
    assert " on" + "click=" not in page and "style=" not in page
