"""Activities as a register: list with filters, detail, create, edit and history pages
(ttdn.registers); the API stays in ``ttdn.activities.api`` with its date filters."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.activities import services
from ttdn.activities.forms import ActivityForm, FileFormSet, LinkFormSet, QuantityFormSet
from ttdn.activities.models import Activity
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.base import Column, Inline, Register, register


def _dates(activity: Activity) -> str:
    if activity.end_date and activity.end_date != activity.start_date:
        return f"{format_date(activity.start_date)} – {format_date(activity.end_date)}"
    return format_date(activity.start_date)


def _counted(activity: Activity) -> str:
    if activity.cancelled_at is not None:
        return str(_("Đã hủy"))
    return str(_("Có")) if activity.counted else ""


@register
class ActivityRegister(Register):
    model = Activity
    slug = "activities"
    label = _("Hoạt động")
    one = _("hoạt động")
    form_class = ActivityForm
    inlines = [
        Inline(QuantityFormSet, _("Số lượng")),
        Inline(FileFormSet, _("Tệp, ảnh minh chứng")),
        Inline(LinkFormSet, _("Bản ghi liên quan")),
    ]
    columns = [
        Column(_("Hoạt động"), "title"),
        Column(_("Ngày"), _dates),
        Column(_("Loại"), "get_type_display"),
        Column(_("Tính vào số liệu"), _counted),
    ]
    filters = ["type"]
    date_field = "start_date"
    search_fields = ["title", "description"]
    detail_template = "activities/detail_extra.html"
    detail_exclude = ["created_by", "evidence_file"]
    order = 5

    def queryset(self) -> models.QuerySet:
        return Activity.objects.select_related("unit").prefetch_related("quantity_rows__indicator")

    def save(
        self,
        user,
        record: models.Model,
        *,
        unit: OrgUnit | None = None,
        children: dict[str, list[models.Model]] | None = None,
        write_children: Callable[[models.Model], None] | None = None,
    ) -> models.Model:
        """As every register, and the rows checked together once written (links the
        person may see, no figure counted twice), in the same transaction."""

        def write(activity: models.Model) -> None:
            if write_children is not None:
                write_children(activity)
            assert isinstance(activity, Activity)
            services.check_rows(user, activity)

        if record.pk is None:
            record.created_by = user  # type: ignore[attr-defined]
        elif Activity.objects.filter(pk=record.pk, cancelled_at__isnull=False).exists():
            raise ValidationError(_("Hoạt động đã hủy: không sửa được."))
        return super().save(user, record, unit=unit, children=children, write_children=write)
