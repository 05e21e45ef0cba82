"""The reviewers' web app: sign in, clear the queue of extracted figures by keyboard, correct them,
audit every decision and see each subject's timeline.

One module per job: ``app`` (the application factory), ``auth`` (sessions, sign-in, who may see
what), ``security`` (response headers), ``errors`` (4xx pages and JSON), ``queue`` (the queue's
queries), ``forms`` (what a posted form must hold), one ``*_views`` module per group of pages,
``timeline`` and ``chart`` (the timeline's data and its server-side SVG), ``formatting`` (how
amounts, dates and highlighted sentences are shown) and ``server`` (the production WSGI server).

Imports flow one way: ``capexwatch`` (the CLI) -> ``review`` -> ``store`` / ``extract``. The app
reads no configuration itself: ``capexwatch serve`` hands it an engine and :class:`AppSettings`.
"""
