from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn.accounts.models import person_name
from ttdn.lib.periods import Period, half_year_in_hand
from ttdn.orgunits import names, people
from ttdn.orgunits.access import Action, can, get_unit_for
from ttdn.orgunits.forms import PersonForm, RoleForm, scoped_units
from ttdn.orgunits.models import OrgUnit


def default_period() -> Period:
    """The half-year units are working on today (ttdn.lib.periods.half_year_in_hand)."""
    from django.utils import timezone

    return half_year_in_hand(timezone.localdate())


@login_required
@require_GET
def unit_list(request):
    units = OrgUnit.objects.for_user(request.user).select_related("parent")[:2000]
    return render(request, "orgunits/list.html", {"units": units})


@login_required
@require_GET
def unit_detail(request, code: str):
    unit = get_unit_for(request.user, code)
    return render(
        request,
        "orgunits/detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors().filter(pk__in=OrgUnit.objects.for_user(request.user)),
            "children": unit.children.order_by("kind", "name"),
            "period": default_period(),
            "may_enter": can(request.user, unit, Action.ENTER),
            "may_consolidate": can(request.user, unit, Action.CONSOLIDATE),
        },
    )


@login_required
@require_GET
def unit_suggest(request):
    """Units whose name matches ``q`` (diacritics optional) among those the person may
    take one of the ``action``s on, in ``within``'s subtree: the unit picker's list."""
    actions = request.GET.getlist("action") or [Action.VIEW.value]
    if any(a not in Action._value2member_map_ for a in actions):
        return JsonResponse({"error": _("Thao tác không hợp lệ.")}, status=400)
    within = request.GET.get("within") or ""
    scope = get_unit_for(request.user, within, Action.VIEW) if within else None
    units = scoped_units(request.user, actions, scope)
    language = get_language() or "vi"
    found = names.find_units(units, request.GET.get("q", "")[:100])
    return JsonResponse({"units": [asdict(names.Suggestion.of(u, language)) for u in found]})


# People of the subtree (the unit administrator's pages) --------------------------------


def _people_page(request, template: str, **context):
    return render(
        request,
        template,
        {"managed": people.managed_units(request.user).order_by("path")[:3000], **context},
    )


@login_required
@require_GET
def people_list(request):
    people.require_admin(request.user)
    return _people_page(request, "orgunits/people.html", people=people.people_for(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    people.require_admin(request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = people.create_person(
                request.user,
                data["username"],
                data["family_name"],
                data["given_name"],
                data["email"],
                data["unit"],
                data["role"],
            )
        except people.PeopleError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản %(name)s; thư hướng dẫn đặt mật khẩu đã được gửi.")
                % {"name": person_name(person)},
            )
            return redirect("orgunits:person", person.pk)
    return _people_page(request, "orgunits/person_create.html", form=form)


@login_required
@require_GET
def person_detail(request, pk: int):
    person = people.get_person_for(request.user, pk)
    return _person_page(request, person, RoleForm())


def _person_page(request, person, form: RoleForm, status: int = 200):
    response = _people_page(
        request,
        "orgunits/person.html",
        person=person,
        form=form,
        may_lock=people.may_lock(request.user, person),
        other_roles=person.memberships.count() - len(person.managed_roles),
    )
    response.status_code = status
    return response


@login_required
@require_POST
def person_grant(request, pk: int):
    person = people.get_person_for(request.user, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            people.grant_role(
                request.user, person, form.cleaned_data["unit"], form.cleaned_data["role"]
            )
        except people.PeopleError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã giao vai trò."))
            return redirect("orgunits:person", person.pk)
    return _person_page(request, person, form)


@login_required
@require_POST
def person_revoke(request, pk: int, membership: int):
    person = people.get_person_for(request.user, pk)
    try:
        people.revoke_role(request.user, person, membership)
    except people.PeopleError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Đã gỡ vai trò."))
    return redirect("orgunits:person", person.pk)


@login_required
@require_POST
def person_active(request, pk: int):
    person = people.get_person_for(request.user, pk)
    active = request.POST.get("active") == "1"
    people.set_active(request.user, person, active)
    messages.success(
        request,
        (_("Đã mở khóa tài khoản %(name)s.") if active else _("Đã khóa tài khoản %(name)s."))
        % {"name": person_name(person)},
    )
    return redirect("orgunits:person", person.pk)
