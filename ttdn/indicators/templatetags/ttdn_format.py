"""Number, percent and period filters in the person's language."""

from django import template
from django.utils.translation import get_language

from ttdn.accounts.models import person_name
from ttdn.lib.vnformat import format_number, format_percent

register = template.Library()


@register.filter
def num(value):
    return format_number(value, language=get_language() or "vi")


@register.filter
def pct(value):
    return format_percent(value, language=get_language() or "vi")


@register.filter
def plabel(period):
    return period.label(get_language() or "vi")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def iname(indicator):
    return indicator.display_name(get_language() or "vi")


@register.filter
def iunit(indicator):
    return indicator.display_unit(get_language() or "vi")


@register.filter
def uname(unit):
    return unit.display_name(get_language() or "vi")


@register.simple_tag
def option_label(indicator, option):
    return indicator.option_label(option, get_language() or "vi")


@register.filter
def person(user):
    """Vietnamese order: family and middle names, then the given name ("Võ Thị Mai")."""
    return person_name(user)
