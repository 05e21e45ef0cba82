"""Alembic migrations for the store (a package so it ships inside the wheel; run via store.database)."""
