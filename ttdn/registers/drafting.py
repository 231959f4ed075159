"""What registers say in a report: each register app adds a function to
``REPORT_LINES`` in its ``AppConfig.ready()``; the drafter (ttdn.reporting.drafting)
asks every one of them for its lines of a report and puts each in its section — the
results under the group it names. A line says what the records say, with their numbers
and dates, and names the records it was written from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit

# The sections a line can go to, as the drafter names them.
SECTIONS = ("direction", "results", "achievements", "difficulties", "next_tasks", "proposals")


@dataclass(frozen=True)
class ReportContext:
    """The report being drafted: its unit and period, the days its data cover, whether
    the records of the units below count (a report drafted from recorded work), how the
    report names its own unit ("UBND tỉnh", "Sở Văn hóa, Thể thao và Du lịch") and how it
    names another unit in prose."""

    unit: OrgUnit
    period: Period
    start: date
    end: date
    subtree: bool
    subject: str
    name_of: Callable[[OrgUnit], str]

    def units_filter(self, field_name: str = "unit") -> dict:
        """The lookup for the records a report counts: the unit's, or its subtree's."""
        if self.subtree:
            return {f"{field_name}__path__startswith": self.unit.path}
        return {field_name: self.unit}


@dataclass
class ReportLine:
    """A sentence of a section. ``group``: for results, the phrasebook group it belongs
    to (propaganda, digital, publications, promotion, international, rebuttal,
    press_relations, training, other). ``sources``: (kind, id, label) of the records."""

    section: str
    text: str
    sources: list[tuple[str, str, str]] = field(default_factory=list)
    group: str = "other"
    order: int = 100
    # Indicator codes whose figures the sentence already states (from the records, with
    # what the figures cannot say: countries, names): a figure sentence about only these
    # codes would repeat it.
    covers: tuple[str, ...] = ()


Writer = Callable[[ReportContext], Iterable[ReportLine]]

# Filled by the register apps in their AppConfig.ready().
REPORT_LINES: list[Writer] = []


def report_lines(context: ReportContext) -> list[ReportLine]:
    """Every register's lines, in their order."""
    lines = [line for writer in REPORT_LINES for line in writer(context)]
    for line in lines:
        if line.section not in SECTIONS:
            raise ValueError(f"no section {line.section!r}")
    return sorted(lines, key=lambda line: line.order)


def covered(lines: list[ReportLine]) -> set[str]:
    """The indicator codes the lines state."""
    return {code for line in lines for code in line.covers}
