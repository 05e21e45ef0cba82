"""What the user configured for alerts (``[alerts]`` in the TOML file), as one plain value.

``capexwatch.config`` validates the file and builds this; the alerts package only reads it, so it never
touches the configuration file or the environment itself.
"""

from __future__ import annotations

from dataclasses import dataclass

#: When a new or changed claim alerts: as soon as it is extracted, or once a reviewer approves it.
ALERT_ON: tuple[str, ...] = ("extracted", "approved")
DEFAULT_METRICS: tuple[str, ...] = ("capex",)
DEFAULT_SOURCE_FAILURES = 3


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """``notify``: apprise URLs; ``on``: one of :data:`ALERT_ON`; ``metrics``: which metrics alert;
    ``digest``: one message per run instead of one per claim; ``source_failures``: consecutive failed
    or empty runs of a source before it alerts (0: never)."""

    notify: tuple[str, ...] = ()
    on: str = "extracted"
    metrics: tuple[str, ...] = DEFAULT_METRICS
    digest: bool = False
    source_failures: int = DEFAULT_SOURCE_FAILURES

    @property
    def enabled(self) -> bool:
        """Alerts are recorded only when there is somewhere to send them; the ledger is kept either way."""
        return bool(self.notify)
