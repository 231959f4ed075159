"""The coverage import page: upload a list, see every row checked, then write it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ttdn.indicators.services import ValuesRejected
from ttdn.orgunits.access import Action, get_unit_for
from ttdn.publishing import services
from ttdn.publishing.forms import CoverageImportForm
from ttdn.registers.base import get

# A checked list waits for the commit at most this long (seconds).
CHECKED_FOR = 3600


def _salt(code: str) -> str:
    return f"publishing.coverage-import:{code}"


@login_required
@require_http_methods(["GET", "POST"])
def coverage_import(request, code: str):
    unit = get_unit_for(request.user, code, Action.ENTER)
    form = CoverageImportForm(request.POST or None, request.FILES or None)
    rows: list[services.ImportRow] = []
    problems: list[str] = []
    checked = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None:  # the dry run
            rows, problems = services.read_coverage_file(upload.name, upload.read(), unit)
            if rows and not problems and not any(r.errors for r in rows):
                checked = signing.dumps([(r.line, r.values) for r in rows], salt=_salt(unit.code))
        elif form.cleaned_data.get("rows"):  # the commit
            try:
                payload = signing.loads(
                    form.cleaned_data["rows"], salt=_salt(unit.code), max_age=CHECKED_FOR
                )
                rows = [services.ImportRow(line, values) for line, values in payload]
                created = services.import_coverage(request.user, unit, rows)
            except signing.BadSignature:
                problems = [_("Danh sách đã kiểm tra quá lâu hoặc bị sửa: tải tệp lên lại.")]
            except ValuesRejected as error:
                problems = [error.whole or " ".join(error.messages)]
            except ValidationError as error:
                problems = list(error.messages)
            else:
                messages.success(request, _("Đã ghi %(n)d tin, bài.") % {"n": len(created)})
                return redirect("registers:coverage-list", unit.code)
        else:
            problems = [_("Chọn tệp danh sách.")]
    return render(
        request,
        "publishing/coverage_import.html",
        {
            "register": get("coverage"),
            "unit": unit,
            "form": form,
            "rows": rows,
            "problems": problems,
            "checked": checked,
            "bad": sum(1 for r in rows if r.errors),
        },
    )
