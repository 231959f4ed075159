"""The tree of units that do external-information work (đơn vị).

A plain ``parent`` link plus a materialised ``path`` of fixed-width segments, so a
subtree at any depth is one indexed prefix scan and a descendant's child-of-X ancestor
is a substring of its path.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from ttdn import names

if TYPE_CHECKING:
    from ttdn.accounts.models import Action

SEGMENT = 9  # "00000042." — eight digits of the primary key and a dot


def path_segment(pk: int) -> str:
    return f"{pk:08d}."


# What other apps keep in step with the tree, inside the write's transaction: the
# values app keeps its subtree sums (a unit with children holds a rollup row of its
# own). The tree knows nothing of values; the apps that do register here.
# Called with (unit, +1) when a unit gains its first child, (unit, -1) when it loses
# its last:
CHILDREN_CHANGED: list = []
# Called with (unit, old path, new path) when a unit and its subtree moved:
SUBTREE_MOVED: list = []


def children_changed(unit: OrgUnit, sign: int) -> None:
    for hook in CHILDREN_CHANGED:
        hook(unit, sign)


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    DISTRICT = "district", _("Huyện, quận, thị xã (trước 2025)")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PRESS_AGENCY = "press_agency", _("Cơ quan báo chí")
    STEERING_COMMITTEE = "steering_committee", _("Ban Chỉ đạo")
    OTHER = "other", _("Khác")


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def subtree(self, unit: OrgUnit, include_self: bool = True) -> OrgUnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def active_on(self, day: date) -> OrgUnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def active_during(self, start: date, end: date) -> OrgUnitQuerySet:
        """Units that existed for at least one day of [start, end]."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )

    def for_user(self, user, action: Action | str = "view") -> OrgUnitQuerySet:
        """Units the person may ``action``: the subtrees of their memberships whose role
        allows it (ttdn.accounts.models.ACTIONS); every unit for a superuser."""
        from ttdn.accounts.models import Membership

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        paths = Membership.paths_for(user, action)
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)

    def allows(self, user, unit: OrgUnit, action: Action | str) -> bool:
        """Whether ``for_user(user, action)`` holds ``unit``, without a query: the
        person's paths are read once and kept on the user object."""
        from ttdn.accounts.models import Membership

        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return any(unit.path.startswith(p) for p in Membership.paths_for(user, action))


class UnitScopedQuerySet(models.QuerySet):
    """Rows that belong to units: activities, documents, values, submissions, import
    jobs, search entries…

    ``unit_fields`` names the lookups that lead from a row to a unit; a person may
    ``action`` a row when they may ``action`` any of those units (NetBox's
    RestrictedQuerySet does the same with object permissions). A submission, for
    instance, is seen by its own unit and by the unit that issued its request.
    """

    unit_fields: tuple[str, ...] = ("unit",)

    def for_user(self, user, action: Action | str = "view") -> Self:
        """Rows the person may ``action``, as one SQL condition."""
        units = OrgUnit.objects.for_user(user, action)
        condition = Q()
        for field in self.unit_fields:
            condition |= Q(**{f"{field}__in": units})
        return self.filter(condition)

    def allows(self, user, row: models.Model, action: Action | str) -> bool:
        """Whether ``for_user(user, action)`` holds ``row``."""
        return self.for_user(user, action).filter(pk=row.pk).exists()


class OrgUnit(models.Model):
    code = models.CharField(
        _("mã"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9_.-]+$", _("Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch."))
        ],
    )
    name = models.CharField(_("tên"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại"), max_length=24, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    child_count = models.PositiveIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="orgunit_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "vi") -> str:
        return names.pick(self.name, self.name_en, language)

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent is not None:
            if self.parent_id == self.pk or (self.parent.path.startswith(self.path) and self.path):
                raise ValidationError({"parent": _("Không thể đặt đơn vị dưới chính nó.")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("Đơn vị không thể kế thừa chính nó.")})

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            old = None
            if self.pk:
                old = (
                    OrgUnit.objects.select_for_update()
                    .filter(pk=self.pk)
                    .values("parent_id", "path")
                    .first()
                )
            super().save(*args, **kwargs)
            parent_changed = old is None or old["parent_id"] != self.parent_id
            if parent_changed:
                self._place(old["path"] if old else None, old["parent_id"] if old else None)

    def _place(self, old_path: str | None, old_parent_id: int | None) -> None:
        parent = OrgUnit.objects.get(pk=self.parent_id) if self.parent_id else None
        new_path = (parent.path if parent else "") + path_segment(self.pk)
        new_depth = new_path.count(".") - 1
        if old_path and old_path != new_path:
            # Move the whole subtree in one statement.
            OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + (new_depth - (old_path.count(".") - 1)),
            )
        OrgUnit.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
        self.path, self.depth = new_path, new_depth
        for pk in {p for p in (old_parent_id, self.parent_id) if p is not None}:
            parent_unit = OrgUnit.objects.get(pk=pk)
            count = OrgUnit.objects.filter(parent_id=pk).count()
            if (parent_unit.child_count == 0) != (count == 0):
                children_changed(parent_unit, 1 if count else -1)
            OrgUnit.objects.filter(pk=pk).update(child_count=count)
        if old_path and old_path != new_path:
            self.child_count = OrgUnit.objects.filter(parent_id=self.pk).count()
            for hook in SUBTREE_MOVED:
                hook(self, old_path, new_path)

    def ancestors(self, include_self: bool = False) -> models.QuerySet[OrgUnit]:
        paths = [self.path[: i + SEGMENT] for i in range(0, len(self.path), SEGMENT)]
        if not include_self:
            paths = paths[:-1]
        return OrgUnit.objects.filter(path__in=paths).order_by("depth")

    def descendants(self, include_self: bool = False) -> OrgUnitQuerySet:
        return OrgUnit.objects.subtree(self, include_self=include_self)
