"""``{% register_links unit %}``: a link to each register of a unit, for the unit's page."""

from django import template
from django.urls import reverse

from ttdn.registers import base

register = template.Library()


@register.inclusion_tag("registers/links.html")
def register_links(unit):
    return {
        "links": [
            (r.label, reverse(f"registers:{r.slug}-list", args=[unit.code]), r.slug)
            for r in base.registers()
        ]
    }
