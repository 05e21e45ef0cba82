"""``capexwatch serve``: the review web app on the configured database, served by waitress."""

from __future__ import annotations

import click

from capexwatch.cli.app import fail, get_config, main, open_store


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
    help="Port to listen on (0: any free port, printed at start).",
)  # fmt: skip
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the review app: sign in, clear the queue by keyboard, correct, audit, see timelines."""
    from review.app import create_app
    from review.db import AppSettings
    from review.server import make_server, server_url

    config = get_config(ctx)
    engine = open_store(config.database_url)
    options = config.review
    app = create_app(
        engine,
        AppSettings(
            session_hours=options.session_hours,
            secure_cookies=options.secure_cookies,
            sign_in_attempts=options.sign_in_attempts,
        ),
    )
    try:
        server = make_server(app, host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    database = engine.url.render_as_string(hide_password=True)
    click.echo(f"capexwatch review app on {server_url(server)} (database {database}; Ctrl+C stops it)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.close()
        engine.dispose()
