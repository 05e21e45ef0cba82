"""The store's tables, one module per concern; importing this package registers them all on
``Base.metadata`` (which Alembic compares against the migrations).

Add a table by adding a module here and one import line below.
"""

from store.models.alerts import ALERT_KINDS, DELIVERY_STATUSES, Alert, AlertDelivery
from store.models.articles import FIGURE_STATUSES, Article, Figure, SeenUrl
from store.models.base import NAMING_CONVENTION, Base
from store.models.claims import CLAIM_KINDS, FIGURE_RELATIONS, Claim, ClaimFigure
from store.models.locks import RunLock
from store.models.rates import FxRate
from store.models.review import DECISION_STATUS, DECISIONS, ReviewDecision
from store.models.runs import RUN_STATUSES, Run, RunSource
from store.models.users import USER_ROLES, AppSecret, User

__all__ = [
    "ALERT_KINDS",
    "CLAIM_KINDS",
    "DECISIONS",
    "DECISION_STATUS",
    "DELIVERY_STATUSES",
    "FIGURE_RELATIONS",
    "FIGURE_STATUSES",
    "NAMING_CONVENTION",
    "RUN_STATUSES",
    "USER_ROLES",
    "Alert",
    "AlertDelivery",
    "AppSecret",
    "Article",
    "Base",
    "Claim",
    "ClaimFigure",
    "Figure",
    "FxRate",
    "ReviewDecision",
    "Run",
    "RunLock",
    "RunSource",
    "SeenUrl",
    "User",
]
