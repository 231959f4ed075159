"""The activities' files; the pages themselves are the activities register's
(ttdn.activities.registers, served by ttdn.registers)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from ttdn import downloads
from ttdn.activities.models import Activity, ActivityFile
from ttdn.orgunits.access import get_for_user


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
