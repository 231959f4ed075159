"""How units answer a consolidating unit's requests over time: the boards of its recent
requests (who was expected, who submitted, on time or late), for the dashboard's
completeness chart, its text table and the JSON API alike."""

from __future__ import annotations

from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.models import ReportRequest
from ttdn.reporting.services import Board, board

# Three years of half-yearly rounds: enough to see a trend, few enough to read.
RECENT_REQUESTS = 6
MAX_RECENT_REQUESTS = 24


def recent_boards(unit: OrgUnit, count: int = RECENT_REQUESTS) -> list[Board]:
    """The boards of the last ``count`` requests ``unit`` issued and did not cancel,
    oldest first."""
    requests = (
        ReportRequest.objects.filter(issuing_unit=unit, cancelled_at__isnull=True)
        .select_related("issuing_unit", "form")
        .prefetch_related("recipients", "submissions")
        .order_by("-issued_on", "-id")[:count]
    )
    return [board(request) for request in reversed(list(requests))]
