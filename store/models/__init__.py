"""The store's tables, one module per concern; importing this package registers them all on
``Base.metadata`` (which Alembic compares against the migrations).

Add a table by adding a module here and one import line below.
"""

from store.models.articles import FIGURE_STATUSES, Article, Figure, SeenUrl
from store.models.base import NAMING_CONVENTION, Base
from store.models.rates import FxRate
from store.models.review import DECISIONS, ReviewDecision
from store.models.runs import RUN_STATUSES, Run

__all__ = [
    "DECISIONS",
    "FIGURE_STATUSES",
    "NAMING_CONVENTION",
    "RUN_STATUSES",
    "Article",
    "Base",
    "Figure",
    "FxRate",
    "ReviewDecision",
    "Run",
    "SeenUrl",
]
