"""A unit's administrator (Role.ADMIN) manages the people of its subtree: lists them,
creates a person, gives and removes roles on units of the subtree, locks an account.

Never above it: a role is given or removed only on a unit of the subtree (any other
unit is refused by the code typed, which tells nothing new), and an account is locked
only when every role of its person lies in the subtree, so a commune's administrator
cannot lock a province's consolidator who also serves the commune.
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Action, Membership, Role
from ttdn.notices.models import Kind, register_kind
from ttdn.notices.services import notify
from ttdn.orgunits.models import OrgUnit

USERNAME = re.compile(r"^[\w.@+-]+\Z")

WELCOME = register_kind(
    Kind(
        "welcome",
        gettext_lazy("Tài khoản TTĐN của bạn"),
        gettext_lazy(
            "Bạn có tài khoản TTĐN %(username)s, vai trò %(role)s ở %(unit)s. Để đặt mật "
            "khẩu, mở trang “Quên mật khẩu?” và nhập địa chỉ e-mail nhận thư này."
        ),
    )
)


class PeopleError(ValidationError):
    """A change to people or roles that cannot be made; the message says why."""


def managed_units(admin) -> QuerySet[OrgUnit]:
    """The units ``admin`` administers: the subtrees of their administrator roles."""
    return OrgUnit.objects.for_user(admin, Action.ADMIN)


def require_admin(admin) -> None:
    """403 for a person who administers no unit."""
    if not managed_units(admin).exists():
        raise PermissionDenied(_("Chỉ quản trị của đơn vị mới quản lý người dùng."))


def people_for(admin) -> QuerySet:
    """The people with a role in ``admin``'s subtrees, each with those roles prefetched
    (as ``managed_roles``), by name."""
    units = managed_units(admin)
    roles_here = Membership.objects.filter(unit__in=units).select_related("unit")
    return (
        get_user_model()
        .objects.filter(pk__in=roles_here.values("user_id"))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=roles_here.order_by("unit__path", "role"),
                to_attr="managed_roles",
            )
        )
        .order_by("last_name", "first_name", "username")
    )


def get_person_for(admin, pk: int):
    """The person ``pk`` if they have a role in ``admin``'s subtrees; else 404."""
    require_admin(admin)
    person = people_for(admin).filter(pk=pk).first()
    if person is None:
        raise Http404(_("Không tìm thấy người dùng."))
    return person


def may_lock(admin, person) -> bool:
    """Whether every role of ``person`` lies in ``admin``'s subtrees (and it is not the
    admin themself, nor a superuser)."""
    if person.pk == admin.pk or person.is_superuser:
        return False
    units = managed_units(admin)
    return not Membership.objects.filter(user=person).exclude(unit__in=units).exists()


def unit_in_scope(admin, code: str) -> OrgUnit:
    """The unit with ``code`` in ``admin``'s subtrees; refused by the code otherwise,
    whether it is unknown, above or elsewhere."""
    unit = managed_units(admin).filter(code=code.strip()).first()
    if unit is None:
        raise PeopleError(
            _("Đơn vị %(code)s không thuộc phạm vi bạn quản trị.") % {"code": code.strip()}
        )
    return unit


def create_person(
    admin, username: str, family_name: str, given_name: str, email: str, unit_code: str, role: str
):
    """A new person with a first role on a unit of the subtree. No one knows their
    password: they set one with the link in the welcome notice's e-mail ("Quên mật
    khẩu?" on the login page does the same)."""
    require_admin(admin)
    unit = unit_in_scope(admin, unit_code)
    username = username.strip()
    email = email.strip()
    if not USERNAME.match(username):
        raise PeopleError(_("Tên đăng nhập chỉ gồm chữ, số và các dấu . @ + - _."))
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise PeopleError(_("Tên đăng nhập %(u)s đã có người dùng.") % {"u": username})
    if email and User.objects.filter(email__iexact=email).exists():
        raise PeopleError(_("Địa chỉ e-mail %(e)s đã thuộc một tài khoản khác.") % {"e": email})
    if role not in Role.values:
        raise PeopleError(_("Vai trò không hợp lệ."))
    with transaction.atomic():
        person = User(
            username=username,
            last_name=family_name.strip(),
            first_name=given_name.strip(),
            email=email,
        )
        person.set_password(secrets.token_urlsafe(32))
        person.save()
        Membership.objects.create(user=person, unit=unit, role=role)
        notify(
            [person],
            WELCOME.code,
            {"unit": unit.name, "role": str(Role(role).label), "username": username},
            link=reverse("accounts:password_reset"),
        )
    return person


def grant_role(admin, person, unit_code: str, role: str) -> Membership:
    unit = unit_in_scope(admin, unit_code)
    if role not in Role.values:
        raise PeopleError(_("Vai trò không hợp lệ."))
    membership, created = Membership.objects.get_or_create(user=person, unit=unit, role=role)
    if not created:
        raise PeopleError(_("Người này đã có vai trò đó ở đơn vị này."))
    return membership


def revoke_role(admin, person, membership_pk: int) -> Membership:
    membership = (
        Membership.objects.filter(pk=membership_pk, user=person, unit__in=managed_units(admin))
        .select_related("unit")
        .first()
    )
    if membership is None:
        raise Http404(_("Không tìm thấy vai trò."))
    if person.pk == admin.pk:
        raise PeopleError(_("Bạn không thể gỡ vai trò của chính mình."))
    if Membership.objects.filter(user=person).count() == 1:
        raise PeopleError(
            _("Đây là vai trò cuối cùng của người này: hãy khóa tài khoản thay vì gỡ vai trò.")
        )
    membership.delete()
    return membership


def set_active(admin, person, active: bool) -> None:
    if not may_lock(admin, person):
        raise PermissionDenied(
            _("Người này có vai trò ngoài phạm vi bạn quản trị: chỉ cấp trên khóa được tài khoản.")
            if person.pk != admin.pk
            else _("Bạn không thể tự khóa tài khoản của mình.")
        )
    person.is_active = active
    person.save(update_fields=["is_active"])
