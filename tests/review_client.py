"""Shared set-up for the review app's HTTP tests: a seeded real database (each backend of the
``database_url`` fixture), the app on it, and helpers that sign in and post forms the way a browser
does (with the CSRF token the page carries)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from review_seed import PASSWORDS, seed_articles, seed_users
from sqlalchemy import Engine, select
from werkzeug.test import TestResponse

from review.app import create_app
from review.db import AppSettings
from store import session_factory
from store.database import open_database
from store.models import Figure, ReviewDecision

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Env:
    app: Flask
    engine: Engine
    ids: dict[str, list[int]]

    def client(self, name: str | None = None) -> FlaskClient:
        """A new browser; signed in as ``name`` when given."""
        client = self.app.test_client()
        if name is not None:
            sign_in(client, name)
        return client

    def figure(self, figure_id: int) -> tuple[str, int]:
        """(status, version) as stored now."""
        with session_factory(self.engine)() as session:
            figure = session.get_one(Figure, figure_id)
            return figure.status, figure.version

    def decisions(self, figure_id: int | None = None) -> list[tuple[int, str, str, str | None]]:
        """(figure, decision, who, note) of every decision (on ``figure_id``), oldest first."""
        with session_factory(self.engine)() as session:
            query = select(ReviewDecision).order_by(ReviewDecision.id)
            if figure_id is not None:
                query = query.where(ReviewDecision.figure_id == figure_id)
            return [(d.figure_id, d.decision, d.reviewer, d.note) for d in session.scalars(query)]


def make_env(database_url: str) -> Env:
    """Seed the database at ``database_url`` and build the app on it (see ``review_env`` in conftest)."""
    engine = open_database(database_url)
    with session_factory(engine).begin() as session:
        seed_users(session)
        ids = seed_articles(session)
    return Env(create_app(engine, AppSettings(sign_in_attempts=3)), engine, ids)


def token(client: FlaskClient, path: str = "/sign-in") -> str:
    """The CSRF token on the page at ``path`` (as a browser's form would carry it)."""
    page = client.get(path)
    match = TOKEN.search(page.get_data(as_text=True))
    assert match is not None, f"no CSRF token on {path} ({page.status_code})"
    return match.group(1)


def sign_in(client: FlaskClient, name: str, password: str | None = None) -> TestResponse:
    response = client.post(
        "/sign-in", data={"name": name, "password": password or PASSWORDS[name], "csrf_token": token(client)}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def post(client: FlaskClient, path: str, data: dict[str, object], **kwargs: object) -> TestResponse:
    """Post a form with a fresh CSRF token from the queue page."""
    return client.post(path, data={"csrf_token": token(client, "/"), **data}, **kwargs)
