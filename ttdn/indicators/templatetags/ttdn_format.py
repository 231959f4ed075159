"""Number, percent and period filters in the person's language."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from ttdn import names
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
def share(value):
    """A share in percent, one decimal at most and no sign: 66,7% (a rate, not a change)."""
    if value is None:
        return ""
    rounded = round(Decimal(str(value)), 1)
    return f"{format_number(rounded, language=get_language() or 'vi')}%"


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
    """A unit's English name in English mode; without one, its Vietnamese name marked
    lang="vi". Inside <title> and attributes add |striptags."""
    return names.marked_name(unit)


@register.filter
def lname(thing, field="name"):
    """What the product ships, in the page's language: ``thing.<field>_en`` (a model or a
    dict: a report form, a section with title/title_en) in English mode, else the
    Vietnamese, marked lang="vi" on an English page."""
    return names.marked_name(thing, field)


@register.filter
def stored(text):
    """Text people wrote (titles, narratives), marked lang="vi" on an English page."""
    return names.stored(text)


@register.simple_tag
def option_label(indicator, option):
    return indicator.option_label(option, get_language() or "vi")


@register.filter
def person(user):
    """Vietnamese order: family and middle names, then the given name ("Võ Thị Mai")."""
    return person_name(user)
