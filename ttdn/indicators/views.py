from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn.indicators import drafts, feeds, services
from ttdn.indicators.export import totals_workbook
from ttdn.indicators.forms import DraftForm, ValuesForm, field_name
from ttdn.indicators.models import Indicator
from ttdn.lib.periods import Period, PeriodError, parse_period_id
from ttdn.lib.vnformat import format_date, format_number
from ttdn.orgunits.access import Action, can, get_unit_for
from ttdn.orgunits.models import OrgUnit


def period_or_404(period_id: str) -> Period:
    try:
        return parse_period_id(period_id)
    except PeriodError as error:
        raise Http404(str(error)) from error


def _period_choices(period: Period) -> list[Period]:
    """This period and the seven before it, for the period switcher."""
    choices = [period]
    for _i in range(7):
        choices.append(choices[-1].previous())
    return choices


def _branch_cells(table: services.Totals, language: str) -> list[SafeString]:
    """Each row's breakdown cells as ready HTML, made once in Python: a province has a
    hundred communes, and a template loop per cell would cost more than the whole
    consolidation. The cells hold formatted numbers only (digits, dots, commas)."""
    branch_ids = [branch.pk for branch in table.branches]
    out = []
    for row in table.rows:
        values = row.by_branch
        out.append(
            mark_safe(  # noqa: S308 - numbers formatted by format_number, nothing else
                "".join(
                    f'<td class="num">{format_number(values[b], language=language)}</td>'
                    if b in values
                    else '<td class="num"></td>'
                    for b in branch_ids
                )
            )
        )
    return out


# How the totals table is laid out: indicators as rows (the report's order, options
# under their indicator) or units as rows (one column per indicator's total), which reads
# better once a unit has more units under it than there are indicators.
BY_INDICATOR = "indicators"
BY_UNIT = "units"


def _layout(request, table: services.Totals) -> str:
    asked = request.GET.get("layout")
    if asked in (BY_INDICATOR, BY_UNIT):
        return asked
    indicators = sum(1 for row in table.rows if not row.option)
    return BY_UNIT if len(table.branches) > indicators else BY_INDICATOR


def _unit_rows(table: services.Totals, language: str) -> list[tuple[OrgUnit, SafeString]]:
    """Each unit's cells, one per indicator total, as ready HTML (see _branch_cells)."""
    rows = [row for row in table.rows if not row.option]
    out = []
    for branch in table.branches:
        cells = "".join(
            f'<td class="num">{format_number(row.by_branch[branch.pk], language=language)}</td>'
            if branch.pk in row.by_branch
            else '<td class="num"></td>'
            for row in rows
        )
        out.append((branch, mark_safe(cells)))  # noqa: S308 - numbers only, as above
    return out


def _fed_mark(figure) -> dict | None:
    """The unit's own figure that registers give: the records it counts, for the mark
    beside the total."""
    if figure is None:
        return None
    sources = [{"label": s[2], "url": s[3] if len(s) > 3 else ""} for s in figure.sources]
    return {"sources": sources, "title": "; ".join(s["label"] for s in sources)}


def _tree_view(request) -> str:
    """As the tree stood in the period (default), or today's tree with merged and moved
    units counted in their successors."""
    return services.CURRENT if request.GET.get("view") == services.CURRENT else services.AS_STOOD


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, code: str, period: str):
    unit = get_unit_for(request.user, code, Action.ENTER)
    the_period = period_or_404(period)
    indicators = list(Indicator.objects.filter(active=True))
    current = services.stored_values(unit, the_period)
    previous_period = the_period.previous()
    extra: dict[str, dict] = {
        "parts": services.parts_values(unit, the_period, indicators),
        "fed": feeds.figures_for_form(unit, the_period),
        "previous": services.stored_values(unit, previous_period),
    }
    form = ValuesForm(indicators, current, request.POST or None, **extra)
    conflicts: dict = {}
    restored = None
    # A period that cannot be written (a submitted report, a closed unit) is shown read-only
    # with the reason, rather than refused cell by cell after typing.
    locked = services.write_refusal(unit, the_period)
    if request.method == "POST" and locked:
        # What was typed stays on the page (read-only) so nothing is lost.
        messages.error(request, _("Số liệu chưa được lưu: %(why)s") % {"why": locked})
        form.is_valid()
    elif request.method == "POST" and not form.is_valid():
        _add_rule_errors(form, unit, the_period)
    elif request.method == "POST":
        try:
            result = services.save_values(
                request.user,
                unit,
                the_period,
                form.values(),
                form.versions(),
                estimated=form.estimated(),
            )
        except services.ValuesRejected as rejected:
            if rejected.whole:  # locked since the page was opened
                locked = rejected.whole
                messages.error(request, _("Số liệu chưa được lưu: %(why)s") % {"why": locked})
            else:
                for (ind_code, option), message in rejected.errors.items():
                    form.add_error(field_name(ind_code, option), message)
        else:
            if not result.conflicts:
                drafts.discard_draft(request.user, unit, the_period)
                messages.success(request, _("Đã lưu %(n)d thay đổi.") % {"n": result.changed})
                return redirect("indicators:entry", code=unit.code, period=the_period.id)
            conflicts = {field_name(*k): v for k, v in result.conflicts.items()}
            messages.error(
                request,
                _(
                    "%(n)d ô đã được người khác sửa trong lúc bạn nhập: giá trị của bạn chưa "
                    "được lưu ở các ô đó. Xem giá trị hiện tại bên cạnh, sửa lại rồi lưu."
                )
                % {"n": len(conflicts)},
            )
            current = services.stored_values(unit, the_period)
            form = ValuesForm(indicators, current, request.POST, **extra)
            form.is_valid()
    else:
        restored = drafts.restore_draft(
            request.user, unit, the_period, indicators, current, get_language() or "vi"
        )
        if restored is not None:
            form = ValuesForm(indicators, current, restored.data, **extra)
    groups = form.groups()
    return render(
        request,
        "indicators/entry.html",
        {
            "unit": unit,
            "period": the_period,
            "previous_period": previous_period,
            "form": form,
            "groups": groups,
            "errors": form.error_list(groups) if form.is_bound else [],
            "conflicts": conflicts,
            "restored": restored,
            "restored_at": _when(restored.saved_at) if restored else None,
            "last_saved": _when(services.last_saved_at(unit, the_period)),
            "draft_conflicts": restored.conflicts if restored else {},
            "periods": _period_choices(the_period),
            "locked": locked,
            # Typed and not saved: a refused save, or a draft put back.
            "unsaved": request.method == "POST" or restored is not None,
        },
    )


def _when(moment) -> dict | None:
    """A moment as the page says it: "14:32" and "03/7/2024", in local time."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return {"time": local.strftime("%H:%M"), "day": format_date(local.date())}


def _add_rule_errors(form: ValuesForm, unit, period: Period) -> None:
    """The rules the save would apply, run on the cells that did read as numbers, so
    the page lists every mistake at once rather than one kind per save."""
    readable = {
        key: value for key, value in form.values().items() if field_name(*key) not in form.errors
    }
    for (ind_code, option), message in services.check_values(unit, period, readable).items():
        name = field_name(ind_code, option)
        if name not in form.errors:
            form.add_error(name, message)


@login_required
@require_POST
def draft(request, code: str, period: str):
    """Keep what the form holds as the person's draft (htmx, as they type); answers
    the save bar's state line."""
    unit = get_unit_for(request.user, code, Action.ENTER)
    the_period = period_or_404(period)
    form = DraftForm(list(Indicator.objects.filter(active=True)), request.POST)
    if not form.is_valid():
        return _draft_state(request, _("Bản nháp chưa lưu được: có ô nhập sai quá mức."), 400)
    try:
        saved = drafts.save_draft(request.user, unit, the_period, form.typed())
    except drafts.DraftRefused as refused:
        return _draft_state(request, _("Không lưu bản nháp: %(why)s") % {"why": refused}, 409)
    when = timezone.localtime(saved.updated_at).strftime("%H:%M")
    return _draft_state(request, _("Bản nháp đã giữ lúc %(time)s") % {"time": when}, 200)


def _draft_state(request, text: str, status: int) -> HttpResponse:
    return render(
        request, "indicators/draft_state.html", {"text": text, "ok": status == 200}, status=status
    )


@login_required
@require_POST
def draft_discard(request, code: str, period: str):
    unit = get_unit_for(request.user, code, Action.ENTER)
    the_period = period_or_404(period)
    if drafts.discard_draft(request.user, unit, the_period):
        messages.success(request, _("Đã bỏ bản nháp."))
    return redirect("indicators:entry", code=unit.code, period=the_period.id)


@login_required
@require_GET
def totals(request, code: str, period: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    the_period = period_or_404(period)
    view = _tree_view(request)
    table = services.subtree_totals(unit, the_period, view=view)
    request_number, not_submitted = services.pending_reports(unit, the_period)
    fed = feeds.figures_for_form(unit, the_period)
    language = get_language() or "vi"
    layout = _layout(request, table)
    return render(
        request,
        "indicators/totals.html",
        {
            "layout": layout,
            "unit_rows": _unit_rows(table, language) if layout == BY_UNIT else [],
            "total_rows": [row for row in table.rows if not row.option],
            "unit": unit,
            "period": the_period,
            "table": table,
            "rows_with_cells": zip(
                table.rows,
                _branch_cells(table, language)
                if layout == BY_INDICATOR
                else [""] * len(table.rows),
                [_fed_mark(fed.get((row.indicator.code, row.option))) for row in table.rows],
                strict=True,
            ),
            "language": get_language(),
            "periods": _period_choices(the_period),
            "may_enter": can(request.user, unit, Action.ENTER) and unit.child_count == 0,
            "may_consolidate": can(request.user, unit, Action.CONSOLIDATE),
            "view": view,
            "request_number": request_number,
            "has_notes": any(r.derived_units or r.partial_units for r in table.rows),
            "not_submitted": not_submitted,
        },
    )


@login_required
@require_GET
def totals_xlsx(request, code: str, period: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    the_period = period_or_404(period)
    table = services.subtree_totals(unit, the_period, view=_tree_view(request))
    content = totals_workbook(table, get_language() or "vi")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tong-hop-{unit.code}-{the_period.id}.xlsx"'
    )
    return response
