"""The exchange pages: a unit's export links and import (upload → dry run → write), its
entry template, and the catalogue as DHIS2 metadata."""

from __future__ import annotations

import base64
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.downloads import safe_filename
from ttdn.exchange import services, table
from ttdn.exchange.forms import ExportForm, ImportForm
from ttdn.exchange.mapping import metadata
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import stored_values
from ttdn.indicators.views import period_or_404
from ttdn.orgunits.access import Action, can, get_unit_for

# A checked file waits for the write at most this long (seconds).
CHECKED_FOR = 3600
# The checked file comes back in a form field; Django refuses a form body past 2.5 MB.
MAX_CHECKED = 2_000_000
# Refused lines listed on the page; the command lists them all.
SHOWN_REFUSALS = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _salt(code: str) -> str:
    return f"exchange.import:{code}"


def _attachment(content: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def unit_page(request, code: str):
    unit = get_unit_for(
        request.user, code, Action.ENTER if request.method == "POST" else Action.VIEW
    )
    form = ImportForm(request.POST or None, request.FILES or None)
    summary = None
    problems: list[str] = []
    checked = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:  # the dry run
                name, data = upload.name, upload.read()
                summary = services.import_file(request.user, name, data, within=unit)
                if not summary.refused and summary.created + summary.updated:
                    encoded = base64.b64encode(data).decode()
                    checked = signing.dumps(
                        {"name": name, "data": encoded}, salt=_salt(unit.code), compress=True
                    )
                    if len(checked) > MAX_CHECKED:
                        checked = ""
                        problems = [
                            _("Tệp quá lớn để ghi từ trang này: dùng lệnh ttdn exchange import.")
                        ]
            elif form.cleaned_data.get("checked"):  # the write
                payload = signing.loads(
                    form.cleaned_data["checked"], salt=_salt(unit.code), max_age=CHECKED_FOR
                )
                summary = services.import_file(
                    request.user,
                    payload["name"],
                    base64.b64decode(payload["data"]),
                    commit=True,
                    within=unit,
                )
                if summary.committed:
                    messages.success(
                        request,
                        _("Đã ghi %(created)d giá trị mới, cập nhật %(updated)d giá trị.")
                        % {"created": summary.created, "updated": summary.updated},
                    )
                    return redirect("exchange:unit", unit.code)
            else:
                problems = [_("Chọn tệp số liệu.")]
        except signing.BadSignature:
            problems = [_("Tệp đã kiểm tra quá lâu hoặc bị sửa: tải tệp lên lại.")]
        except services.ExchangeError as error:
            problems = [str(error)]
    year = timezone.localdate().year
    return render(
        request,
        "exchange/unit.html",
        {
            "unit": unit,
            "form": form,
            "export_form": ExportForm(initial={"periods": f"{year - 1},{year}"}),
            "summary": summary,
            "problems": problems,
            "checked": checked,
            "refused_shown": SHOWN_REFUSALS,
            "refused_shown_slice": f":{SHOWN_REFUSALS}",
            "may_enter": can(request.user, unit, Action.ENTER),
            "years": f"{year - 1},{year}",
        },
    )


@login_required
@require_GET
def export(request, code: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    year = timezone.localdate().year
    form = ExportForm(
        {
            "format": request.GET.get("format", "dvs-json"),
            "periods": request.GET.get("periods", f"{year - 1},{year}"),
            "ids": request.GET.get("ids", "code"),
        }
    )
    try:
        if not form.is_valid():
            raise services.ExchangeError(
                "; ".join(str(m) for errors in form.errors.values() for m in errors)
            )
        fmt = form.cleaned_data["format"]
        periods = services.parse_periods(form.cleaned_data["periods"])
        content = services.export(
            request.user, unit, periods, fmt, form.cleaned_data["ids"] or "code"
        )
    except services.ExchangeError as error:
        messages.error(request, _("Chưa xuất được: %(why)s") % {"why": error})
        return redirect("exchange:unit", unit.code)
    media_type, extension = services.FORMATS[fmt]
    stamp = form.cleaned_data["periods"].replace(",", "-").replace(" ", "")
    return _attachment(content, media_type, f"so-lieu-{unit.code}-{stamp}-{fmt}.{extension}")


@login_required
@require_GET
def template_xlsx(request, code: str, period: str):
    return _template(request, code, period, "xlsx")


@login_required
@require_GET
def template_csv(request, code: str, period: str):
    return _template(request, code, period, "csv")


def _template(request, code: str, period: str, ext: str) -> HttpResponse:
    """A unit's values for a period as the table to fill (XLSX or CSV)."""
    unit = get_unit_for(request.user, code, Action.VIEW)
    the_period = period_or_404(period)
    values = {
        key: stored.value
        for key, stored in stored_values(unit, the_period).items()
        if not stored.derived
    }
    rows = table.template_rows(
        list(Indicator.objects.filter(active=True)), unit.code, the_period.id, values
    )
    filename = f"mau-so-lieu-{unit.code}-{the_period.id}.{ext}"
    if ext == "csv":
        return _attachment(table.write_csv(rows), "text/csv; charset=utf-8", filename)
    title = f"{unit.name} — {the_period.label(get_language() or 'vi')}"
    return _attachment(table.write_xlsx(rows, title), XLSX, filename)


@login_required
@require_GET
def metadata_json(request):
    language = "en" if (get_language() or "vi").startswith("en") else "vi"
    content = json.dumps(metadata(language), ensure_ascii=False, indent=1).encode()
    return _attachment(content, "application/json", "ttdn-dhis2-metadata.json")
