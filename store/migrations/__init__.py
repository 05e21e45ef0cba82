"""Alembic migrations for the store: a package so it ships in the wheel; run by store.database."""
