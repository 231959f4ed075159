"""A person's notices: the list, and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ttdn.notices import services
from ttdn.notices.models import Notice


@login_required
@require_GET
def notice_list(request):
    notices = Notice.objects.for_user(request.user)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {"page": page, "unread": services.unread_count(request.user)},
    )


@login_required
@require_POST
def notice_open(request, pk: int):
    """Mark the notice read and go where it points."""
    notice = get_object_or_404(Notice.objects.for_user(request.user), pk=pk)
    services.mark_read(request.user, [notice.pk])
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("notices:list")


@login_required
@require_POST
def notice_read_all(request):
    count = services.mark_read(request.user)
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect("notices:list")
