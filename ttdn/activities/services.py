"""What an activity's figures become: the unit's values (a feed of
``ttdn.indicators.feeds``) once the officer confirms them, and the rules that keep them
counted once — the records an activity concerns must be ones the person may see, and a
figure a linked record already gives is not given again."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.activities.models import Activity, ActivityLink, ActivityQuantity
from ttdn.indicators.feeds import Fed, FedSource
from ttdn.indicators.models import TOTAL, Indicator, RegisterFigure
from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit
from ttdn.registers import base

SOURCE_KIND = "activity"


def activity_source(activity: Activity) -> FedSource:
    return FedSource(
        SOURCE_KIND,
        activity.pk,
        activity.title,
        base.get("activities").detail_url(activity),
    )


def activity_figures(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    """The feed: the figures of ``unit``'s confirmed activities that start in
    ``period``. An activity that gives a breakdown without its total gives the sum of
    its parts as the total too (when the parts add up), so totals and options agree."""
    rows = (
        ActivityQuantity.objects.filter(
            activity__unit=unit,
            activity__counted=True,
            activity__cancelled_at=None,
            activity__start_date__gte=period.start,
            activity__start_date__lte=period.end,
        )
        .select_related("indicator", "activity")
        .order_by("activity__start_date", "activity_id", "pk")
    )
    by_activity: dict[tuple[int, str], dict[str, Decimal]] = {}
    indicators: dict[str, Indicator] = {}
    activities: dict[int, Activity] = {}
    for row in rows:
        indicators[row.indicator.code] = row.indicator
        activities[row.activity_id] = row.activity
        by_activity.setdefault((row.activity_id, row.indicator.code), {})[row.option] = row.value
    figures: dict[tuple[str, str], Fed] = {}
    for (activity_id, code), cells in by_activity.items():
        if TOTAL not in cells and indicators[code].additive:
            cells = {**cells, TOTAL: sum(cells.values(), Decimal(0))}
        source = activity_source(activities[activity_id])
        for option, value in cells.items():
            fed = figures.setdefault((code, option), Fed(code, Decimal(0), [], option))
            fed.value += value
            fed.sources.append(source)
    return list(figures.values())


def linked_record(link: ActivityLink, user=None):
    """The record a link names, or None when there is none (or ``user`` may not see
    it: the same answer, so a link does not tell what exists elsewhere)."""
    try:
        register = base.get(link.register)
    except KeyError:
        return None
    records = register.queryset()
    if user is not None:
        records = records.for_user(user)  # type: ignore[attr-defined]
    return records.filter(pk=link.record_id).first()


def check_rows(user, activity: Activity) -> None:
    """The rules across an activity's saved rows, inside its save's transaction: links
    to records the person may see, each indicator's parts within its total, and no
    figure that a linked record already gives."""
    quantities = list(activity.quantity_rows.select_related("indicator"))
    links = list(activity.links.all())
    errors: list[str] = []
    for link in links:
        if link.register == "activities" and link.record_id == activity.pk:
            errors.append(_("Không thể liên kết hoạt động với chính nó."))
        elif linked_record(link, user) is None:
            errors.append(
                _("Không có bản ghi số %(id)s trong sổ %(register)s mà bạn được xem.")
                % {"id": link.record_id, "register": _register_name(link.register)}
            )
    errors.extend(_parts_over_total(quantities))
    if not errors:
        errors.extend(_counted_elsewhere(activity, quantities, links))
    if errors:
        raise ValidationError(errors)


def _register_name(slug: str) -> str:
    try:
        return str(base.get(slug).label)
    except KeyError:
        return f"“{slug}”"


def _parts_over_total(quantities: list[ActivityQuantity]) -> list[str]:
    totals: dict[int, Decimal] = {}
    parts: dict[int, Decimal] = {}
    names: dict[int, str] = {}
    for row in quantities:
        if not row.indicator.additive:
            continue
        names[row.indicator_id] = row.indicator.name
        if row.option == TOTAL:
            totals[row.indicator_id] = row.value
        else:
            parts[row.indicator_id] = parts.get(row.indicator_id, Decimal(0)) + row.value
    return [
        _("“%(name)s”: tổng (%(total)s) nhỏ hơn cộng các phần (%(parts)s).")
        % {"name": names[pk], "total": _number(totals[pk]), "parts": _number(parts[pk])}
        for pk in totals
        if pk in parts and parts[pk] > totals[pk]
    ]


def _number(value: Decimal) -> str:
    from ttdn.lib.vnformat import format_number

    return format_number(value)


def _counted_elsewhere(
    activity: Activity, quantities: list[ActivityQuantity], links: list[ActivityLink]
) -> list[str]:
    """A quantity of an indicator that a linked record feeds would count the same work
    twice: it is refused, the register and the record named."""
    wanted = {row.indicator_id: row.indicator.name for row in quantities}
    if not wanted or not links:
        return []
    errors: list[str] = []
    for link in links:
        record = linked_record(link)
        if record is None:
            continue
        register = base.get(link.register)
        kind = register.model._meta.model_name
        url = register.detail_url(record)
        figures = RegisterFigure.objects.filter(
            unit__in=[u.pk for u in register.feeds_units(record)],
            period__in=[p.id for p in register.periods(record)],
            indicator_id__in=wanted,
        ).values_list("indicator_id", "sources")
        fed = {
            indicator_id
            for indicator_id, sources in figures
            if any(
                (s[0] == kind and s[1] == record.pk) or (len(s) > 3 and s[3] == url)
                for s in sources
            )
        }
        errors.extend(
            _(
                "“%(indicator)s” đã được tính từ sổ %(register)s (“%(record)s”): không ghi "
                "lại ở hoạt động này."
            )
            % {"indicator": wanted[pk], "register": register.label, "record": record}
            for pk in sorted(fed)
        )
    return errors


def related_records(register: base.Register, record, user) -> list[tuple[str, str]]:
    """For a record's page (ttdn.registers.base.RELATED): an activity's linked records,
    or the activities that name a record of another register, those ``user`` may see."""
    if register.slug == "activities":
        found = []
        for link in record.links.all():
            other = linked_record(link, user)
            if other is not None:
                other_register = base.get(link.register)
                found.append((f"{other_register.label}: {other}", other_register.detail_url(other)))
        return found
    activities = (
        base.get("activities")
        .queryset()
        .for_user(user)  # type: ignore[attr-defined]
        .filter(links__register=register.slug, links__record_id=record.pk)
        .distinct()
    )
    return [(f"{_('Hoạt động')}: {a}", base.get("activities").detail_url(a)) for a in activities]


def cancel_activity(user, activity: Activity, reason: str) -> Activity:
    """Mark an activity cancelled with the reason: kept, with the change in its history,
    and no longer giving values (refused, with nothing changed, when a submitted report
    holds a period whose figures it gives)."""
    from django.utils import timezone

    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do hủy hoạt động."))
    if activity.cancelled_at is not None:
        raise ValidationError(_("Hoạt động này đã được hủy."))
    activity.cancelled_at = timezone.now()
    activity.cancel_reason = reason.strip()
    saved = base.get("activities").save(user, activity)
    assert isinstance(saved, Activity)
    return saved
