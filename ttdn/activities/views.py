"""The activities' files and their cancelling; the pages themselves are the activities
register's (ttdn.activities.registers, served by ttdn.registers)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ttdn import downloads
from ttdn.activities import services
from ttdn.activities.models import Activity, ActivityFile
from ttdn.indicators.services import ValuesRejected
from ttdn.inputs import BoundedForm
from ttdn.orgunits.access import Action, get_for_user
from ttdn.registers import base


@login_required
@require_GET
def evidence(request, pk: int):
    """The activity's evidence file, to those who may see the activity (its uploader too
    only while they may), always as a download."""
    activity = get_for_user(Activity.objects.exclude(evidence_file=""), request.user, pk=pk)
    name = activity.evidence_file.name or ""  # never empty: excluded above
    return downloads.attachment(activity.evidence_file.storage, name, name, location="media")


@login_required
@require_GET
def evidence_file(request, pk: int):
    """One more file or photo of an activity, under the same rule as its evidence file."""
    row = get_for_user(ActivityFile.objects.all(), request.user, pk=pk)
    name = row.file.name or ""
    return downloads.attachment(row.file.storage, name, name, location="media")


class CancelForm(BoundedForm):
    # Blank is refused by the service, with its own message.
    reason = forms.CharField(label=gettext_lazy("Lý do hủy"), required=False, max_length=2000)


@login_required
@require_POST
def cancel(request, pk: int):
    """Cancel an activity with the reason; it stays in the register, marked cancelled."""
    activity = get_for_user(Activity.objects.all(), request.user, Action.ENTER, pk=pk)
    back = base.get("activities").detail_url(activity)
    form = CancelForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    try:
        services.cancel_activity(request.user, activity, form.cleaned_data["reason"])
    except ValuesRejected as error:
        messages.error(request, error.whole or " ".join(error.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã hủy hoạt động “%(title)s”.") % {"title": activity.title})
    return redirect(back)
