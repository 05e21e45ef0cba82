"""The ``capexwatch`` command line: one module per command (or group of commands).

``app`` holds the click group and the helpers every command shares; importing each command
module registers its commands on that group. Add a command by adding a module and one import
line below.
"""

from capexwatch.cli import backup, crawl, demo, evaluate, export, extract, rates, setup  # noqa: F401 (registers)
from capexwatch.cli.app import main

__all__ = ["main"]
