"""Alembic revision scripts; Alembic skips this ``__init__`` when it scans the directory."""
