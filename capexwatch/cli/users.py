"""``capexwatch users``: who may sign in to the review app, and as what (reviewer or admin)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from capexwatch.cli.app import fail, get_config, main, open_store
from store.models.users import USER_ROLES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


@main.group()
def users() -> None:
    """Add, list, enable and disable the review app's users."""


def _password_from_stdin() -> str:
    """The first line of standard input, without its line ending (so `echo pw |` works)."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _run(ctx: click.Context, action: Callable[[Session], T]) -> T:
    """Run ``action(session)`` in one transaction; a refused change exits 1 with the reason."""
    from store.database import session_factory
    from store.errors import UserError

    config = get_config(ctx)
    engine = open_store(config.database_url)
    try:
        with session_factory(engine).begin() as session:
            return action(session)
    except UserError as exc:
        fail(str(exc))
    finally:
        engine.dispose()


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(USER_ROLES), default="reviewer", show_default=True)
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from standard input (required).")
@click.pass_context
def add_command(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Add a user who signs in with NAME and the password read from standard input."""
    from store.users import add_user

    password = _password_from_stdin()
    user = _run(ctx, lambda session: add_user(session, name, password, role))
    click.echo(f"added {user.role} {user.name}")


@users.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """Every user: name, role, enabled or disabled, and when added (tab-separated)."""
    from store.users import list_users

    rows = _run(ctx, lambda session: [
        (u.name, u.role, "enabled" if u.active else "disabled", u.created.date().isoformat(),
         "" if u.password_hash else "no password")
        for u in list_users(session)
    ])  # fmt: skip
    click.echo("name\trole\tstate\tadded\tnote")
    for row in rows:
        click.echo("\t".join(row).rstrip("\t"))


@users.command("disable")
@click.argument("name")
@click.pass_context
def disable_command(ctx: click.Context, name: str) -> None:
    """Disable NAME: they are signed out at their next request and can no longer sign in or decide."""
    from store.users import set_active

    user = _run(ctx, lambda session: set_active(session, name, False))
    click.echo(f"disabled {user.name}")


@users.command("enable")
@click.argument("name")
@click.pass_context
def enable_command(ctx: click.Context, name: str) -> None:
    """Enable NAME again (a user needs a password first: see `users password`)."""
    from store.users import set_active

    user = _run(ctx, lambda session: set_active(session, name, True))
    click.echo(f"enabled {user.name}")


@users.command("password")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, required=True, help="Read the new password from standard input (required)."
)
@click.pass_context
def password_command(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set NAME's password from standard input; every session they have open ends."""
    from store.users import set_password

    password = _password_from_stdin()
    user = _run(ctx, lambda session: set_password(session, name, password))
    click.echo(f"password set for {user.name}")
