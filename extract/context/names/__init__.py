"""Names in a text — companies, outlets, research firms, people, the watch's aliases — and the
descriptions that refer back to a company ("the Finnish group"). Shared by the source and subject
rules. The name lists are the ``*.txt`` files of this folder (``LISTS``)."""

from pathlib import Path

#: The folder holding the name lists (companies.txt, outlets.txt, firms.txt, …).
LISTS = Path(__file__).resolve().parent
