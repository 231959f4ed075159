"""Records an archived document proposes: a reviewed plan (its extract's kind is
"plan": KẾ HOẠCH, CHƯƠNG TRÌNH) proposes the plan record — number, date, title and the
higher plan it cites when that is a known plan of the document's unit or a unit above.
The proposal is the plan form's address with those values; nothing is saved until the
person saves the form."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from ttdn.archive.models import Document, DocumentStatus, normalise_number
from ttdn.plans.forms import ancestor_paths
from ttdn.plans.models import Plan, PlanKind

TYPE_KINDS = {"kế hoạch": PlanKind.PLAN, "chương trình": PlanKind.PROGRAMME}


def plan_proposal(document: Document) -> str:
    """The plan form's address pre-filled from ``document``, or "" when it proposes none."""
    extract = document.extract or {}
    if document.status != DocumentStatus.REVIEWED or extract.get("kind") != "plan":
        return ""
    values: dict[str, str] = {}
    if extract.get("number"):
        values["number"] = str(extract["number"])[:60]
    if extract.get("issued_on"):
        try:
            values["issued_on"] = date.fromisoformat(extract["issued_on"]).strftime("%d/%m/%Y")
        except ValueError:
            pass
    title = str(extract.get("title") or document.title or "")
    if title:
        values["title"] = title[:500]
    if title.lower().startswith("chương trình"):
        values["kind"] = PlanKind.PROGRAMME
    higher = cited_plan(document)
    if higher is not None:
        values["implements"] = str(higher.pk)
    url = reverse("registers:plans-create", args=[document.unit.code])
    return f"{url}?{urlencode(values)}" if values else url


def cited_plan(document: Document) -> Plan | None:
    """The first plan the document cites that the unit or a unit above issued."""
    cited = [
        normalise_number(str(ref.get("number") or ""))
        for ref in (document.extract or {}).get("references") or []
        if str(ref.get("type") or "").lower() in TYPE_KINDS
    ]
    if not cited:
        return None
    candidates = Plan.objects.filter(issuing_unit__path__in=ancestor_paths(document.unit))
    by_number = {normalise_number(p.number): p for p in candidates.order_by("issued_on", "pk")}
    for number in cited:
        if number in by_number:
            return by_number[number]
    return None
