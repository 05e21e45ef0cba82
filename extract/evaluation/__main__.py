"""``python -m extract.evaluation GOLD.jsonl``: the same as ``capexwatch eval``, without the CLI."""

import sys

from extract.evaluation import main

sys.exit(main())
