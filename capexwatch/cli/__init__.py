"""The ``capexwatch`` command line: one module per command (or group of commands).

``app`` holds the click group and the helpers every command shares; importing each command
module registers its commands on that group. Add a command by adding a module and one import
line below.
"""

from capexwatch.cli import (  # noqa: F401 (importing a module registers its commands)
    alerts,
    backup,
    claims,
    crawl,
    demo,
    evaluate,
    export,
    extract,
    rates,
    review,
    runs,
    schedule,
    serve,
    setup,
    users,
)
from capexwatch.cli.app import main

__all__ = ["main"]
