from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from ttdn.orgunits.access import get_for_user
from ttdn.reporting.models import IssuedReport
from ttdn.signing.forms import SignForm
from ttdn.signing.models import SignatureKind


@sensitive_post_parameters("secret")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def sign_issued(request, pk: int):
    """The “Ký số” page of an issued report: its signatures so far, and the form with
    which the person whose key it is signs the next step."""
    from ttdn.signing import services  # pyHanko is loaded when someone signs, not before

    issued = get_for_user(
        IssuedReport.objects.select_related("unit", "submission"), request.user, pk=pk
    )
    usable = services.keys_for(request.user, issued)
    step = services.next_kind(issued)
    mine = [key for key in usable if key.kind == step]
    if request.method == "POST" and not usable:
        raise PermissionDenied(_("Bạn không có khóa ký số cho báo cáo của đơn vị này."))
    form = SignForm(mine, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            signature = services.sign_issued_report(
                request.user, issued, form.cleaned_data["key"], form.cleaned_data["secret"]
            )
        except services.SigningRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("Đã ký số: %(kind)s.") % {"kind": signature.get_kind_display()},
            )
            if not signature.timestamped:
                messages.warning(
                    request,
                    _("Chữ ký không có dấu thời gian (chưa cấu hình máy chủ dấu thời gian)."),
                )
        return redirect("signing:sign", pk=issued.pk)
    context = {
        "issued": issued,
        "signatures": issued.signatures.select_related("signed_by").defer("pdf"),
        "step": step,
        "step_label": SignatureKind(step).label if step else "",
        "form": form if mine else None,
        "other_keys": [key for key in usable if key.kind != step],
    }
    return render(request, "signing/sign.html", context)
