"""``python -m capexwatch``: the same as the ``capexwatch`` command."""

from capexwatch.cli import main

main()
