"""What the user watches: a company, the other names it goes by, and the topics that matter."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Watch:
    """A watched subject. ``aliases`` resolve to ``subject`` ("the TikTok owner" -> ByteDance)."""

    subject: str
    aliases: tuple[str, ...] = ()
    topics: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        """The subject first, then its aliases: every way the text may name the watched company."""
        return (self.subject, *self.aliases)


DEFAULT_WATCH = Watch(
    subject="ByteDance",
    aliases=("TikTok owner", "TikTok parent", "Douyin owner", "字节跳动"),
    topics=(
        "capex",
        "capital expenditure",
        "capital spending",
        "data centre",
        "data center",
        "AI infrastructure",
        "GPU",
        "chips",
    ),
)
