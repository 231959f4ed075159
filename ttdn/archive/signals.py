"""Keep the search index in step with activities and report narratives wherever they are
saved (pages, API, admin, demo data) — those apps need not know the archive exists.
Documents are indexed by the archive's own services."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from ttdn.archive import search
from ttdn.archive.models import EntryKind


def _activity_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        search.index_activity(instance)


def _activity_deleted(sender, instance, **kwargs) -> None:
    search.remove(EntryKind.ACTIVITY, instance.pk)


def _section_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        search.index_section(instance)


def _section_deleted(sender, instance, **kwargs) -> None:
    search.remove(EntryKind.SECTION, instance.pk)


def connect() -> None:
    from ttdn.activities.models import Activity
    from ttdn.reporting.models import SubmissionSection

    post_save.connect(_activity_saved, sender=Activity, dispatch_uid="archive_activity_saved")
    post_delete.connect(_activity_deleted, sender=Activity, dispatch_uid="archive_activity_deleted")
    post_save.connect(
        _section_saved, sender=SubmissionSection, dispatch_uid="archive_section_saved"
    )
    post_delete.connect(
        _section_deleted, sender=SubmissionSection, dispatch_uid="archive_section_deleted"
    )
